import Link from "next/link";
import { RequestStatusBadge, statusText } from "@/components/requests/status-badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePerson } from "@/lib/auth/authorize";
import { expireGrants } from "@/lib/grants/expire-grants";
import { ListPager } from "@/components/ui/list-pager";
import { listMyRequests, MY_REQUESTS_PAGE_SIZE } from "@/lib/requests/list-my-requests";
import { parsePage } from "@/lib/validation/page";
import { stageOf } from "@/lib/requests/transitions";

export const metadata = { title: "My requests · Guardrail" };

const columns: Column[] = [
  { key: "what", header: "Request", sortable: true },
  { key: "status", header: "Status", sortable: true },
  { key: "stage", header: "Stage", sortable: true },
  { key: "window", header: "Window", sortable: true },
  { key: "filed", header: "Filed", sortable: true },
  { key: "decided", header: "Decided", sortable: true },
];

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requirePerson();
  const page = parsePage((await searchParams).page);
  await expireGrants();
  const { rows: requests, total } = await listMyRequests(person.id, page);
  const rows: Row[] = requests.map((r) => {
    const what = `${r.tool.name} · ${r.activity.name}${r.project ? ` · ${r.project.key}` : ""}`;
    const stage = stageOf(r.status);
    const from = r.grant?.validFrom ?? r.startsAt;
    const to = r.grant?.validTo ?? r.endsAt;
    return {
      id: r.id,
      values: {
        what,
        status: statusText(r.status),
        stage: stage ? (stage === "manager" ? "Manager" : "Legal") : "—",
        window: from.toISOString(),
        filed: r.createdAt.toISOString(),
        decided: r.decidedAt?.toISOString() ?? null,
      },
      cells: {
        what: (
          <Link href={`/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">
            {what}
          </Link>
        ),
        status: <RequestStatusBadge status={r.status} />,
        window: `${formatDate(from)} – ${formatDate(to)}`,
        filed: formatDate(r.createdAt),
        decided: r.decidedAt ? formatDate(r.decidedAt) : "—",
      },
    };
  });

  return (
    <div className="space-y-5">
      <PageHeader
        title="My requests"
        description="Exceptions you asked for: where each one stands, who decided, and for which window."
        actions={
          <LinkButton href="/requests/new" variant="primary">
            New request
          </LinkButton>
        }
      />
      <Card>
        {rows.length ? (
          <>
            <DataTable columns={columns} rows={rows} caption="My exception requests" filterLabel="Filter requests" initialSort={{ key: "filed", dir: "desc" }} />
            <ListPager page={page} pageSize={MY_REQUESTS_PAGE_SIZE} total={total} href={(p) => `/requests?page=${p}`} label="Pages of my requests" />
          </>
        ) : total > 0 ? (
          <EmptyState title="This page is past the end of your requests" action={<LinkButton href="/requests" size="sm">Back to the first page</LinkButton>} />
        ) : (
          <EmptyState
            title="You have not asked for any exception yet"
            action={
              <LinkButton href="/requests/new" variant="primary" size="sm">
                File a request
              </LinkButton>
            }
          >
            When the <Link href="/allowed" className="underline">What&apos;s allowed</Link> page says a tool needs an exception, ask for one here.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
