import Link from "next/link";
import { ApprovalQueue } from "@/components/requests/approval-queue";
import { OutcomeBanner } from "@/components/requests/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { ListPager } from "@/components/ui/list-pager";
import { APPROVAL_PAGE_SIZE, countApprovalQueue, listApprovalQueue } from "@/lib/requests/list-approval-queue";
import { parsePage } from "@/lib/validation/page";
import { approveRequestAction, rejectRequestAction } from "./actions";

export const metadata = { title: "Approvals · Guardrail" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ done?: string; mpage?: string; lpage?: string }> }) {
  const person = await requireRole("manager", "legal");
  const { done, mpage, lpage } = await searchParams;
  const pages = { manager: parsePage(mpage), legal: parsePage(lpage) };
  const queue = async (stage: "manager" | "legal") =>
    hasRole(person, stage) ? { rows: await listApprovalQueue(person, stage, new Date(), pages[stage]), total: await countApprovalQueue(person, stage) } : null;
  const [managerQueue, legalQueue] = await Promise.all([queue("manager"), queue("legal")]);
  const href = (stage: "manager" | "legal") => (p: number) => `/approvals?${new URLSearchParams({ mpage: String(stage === "manager" ? p : pages.manager), lpage: String(stage === "legal" ? p : pages.legal) })}`;

  return (
    <div className="space-y-5">
      <PageHeader
        title="Approvals"
        description={
          <>
            Exception requests waiting on you, oldest first. Decided ones move to the <Link href="/grants" className="underline">tool-approval log</Link>.
          </>
        }
      />
      <OutcomeBanner done={done} />
      {managerQueue && (
        <Card title={`Manager stage: requests from your org (${managerQueue.total})`}>
          <ApprovalQueue rows={managerQueue.rows} stage="manager" approve={approveRequestAction} reject={rejectRequestAction} />
          <ListPager page={pages.manager} pageSize={APPROVAL_PAGE_SIZE} total={managerQueue.total} href={href("manager")} label="Pages of the manager-stage queue" />
        </Card>
      )}
      {legalQueue && (
        <Card title={`Legal stage (${legalQueue.total})`}>
          <ApprovalQueue rows={legalQueue.rows} stage="legal" approve={approveRequestAction} reject={rejectRequestAction} />
          <ListPager page={pages.legal} pageSize={APPROVAL_PAGE_SIZE} total={legalQueue.total} href={href("legal")} label="Pages of the legal-stage queue" />
        </Card>
      )}
    </div>
  );
}
