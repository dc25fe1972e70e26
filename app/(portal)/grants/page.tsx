import { GrantFilters } from "@/components/grants/grant-filters";
import { GrantLog } from "@/components/grants/grant-log";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { expireGrants } from "@/lib/grants/expire-grants";
import { countGrants, GRANT_PAGE_SIZE, listGrants } from "@/lib/grants/list-grants";
import { ListPager } from "@/components/ui/list-pager";
import { parsePage } from "@/lib/validation/page";
import { loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { firstParams } from "@/lib/validation/search-params";
import { grantFilterSchema } from "@/lib/validation/grant";
import { revokeGrantAction } from "./actions";

export const metadata = { title: "Tool-approval log · Guardrail" };

export default async function GrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("manager", "legal", "admin");
  const raw = firstParams(await searchParams);
  const filter = grantFilterSchema.parse(raw);
  await expireGrants();
  const page = parsePage(raw.page);
  const now = new Date();
  const [rows, total, snapshot] = await Promise.all([listGrants(person, filter, now, page), countGrants(person, filter, now), loadPolicySnapshot()]);
  const tools = [...snapshot.toolsBySlug.values()].map((t) => ({ value: t.slug, label: t.name })).sort((a, b) => a.label.localeCompare(b.label));
  const csvHref = `/grants/export?${new URLSearchParams(Object.entries(raw).filter(([k]) => ["person", "tool", "status", "from", "to"].includes(k)))}`;

  return (
    <div className="space-y-5">
      <PageHeader
        title="Tool-approval log"
        description={
          hasRole(person, "legal", "admin")
            ? "Every exception grant: who approved it at each stage and when, its window and conditions, and any revocation."
            : "Exception grants held by people in your org: who approved them, their windows and conditions, and revocations."
        }
      />
      <Card>
        <GrantFilters tools={tools} values={raw} csvHref={csvHref} />
      </Card>
      <Card title={`${total.toLocaleString("en-US")} grants`}>
        <GrantLog rows={rows} revoke={revokeGrantAction} />
        <ListPager page={page} pageSize={GRANT_PAGE_SIZE} total={total} href={(p) => `/grants?${new URLSearchParams({ ...raw, page: String(p) })}`} label="Pages of the tool-approval log" />
      </Card>
    </div>
  );
}
