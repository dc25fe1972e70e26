import Link from "next/link";
import { ApprovalQueue } from "@/components/requests/approval-queue";
import { OutcomeBanner } from "@/components/requests/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { listApprovalQueue } from "@/lib/requests/list-approval-queue";
import { approveRequestAction, rejectRequestAction } from "./actions";

export const metadata = { title: "Approvals · Guardrail" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const person = await requireRole("manager", "legal");
  const [managerQueue, legalQueue] = await Promise.all([
    hasRole(person, "manager") ? listApprovalQueue(person, "manager") : null,
    hasRole(person, "legal") ? listApprovalQueue(person, "legal") : null,
  ]);

  const { done } = await searchParams;
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
        <Card title={`Manager stage: requests from your org (${managerQueue.length})`}>
          <ApprovalQueue rows={managerQueue} stage="manager" approve={approveRequestAction} reject={rejectRequestAction} />
        </Card>
      )}
      {legalQueue && (
        <Card title={`Legal stage (${legalQueue.length})`}>
          <ApprovalQueue rows={legalQueue} stage="legal" approve={approveRequestAction} reject={rejectRequestAction} />
        </Card>
      )}
    </div>
  );
}
