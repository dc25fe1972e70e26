import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/review/pager";
import { QueueFilters } from "@/components/review/queue-filters";
import { QueueTable, type QueueRowView } from "@/components/review/queue-table";
import { requireRole } from "@/lib/auth/authorize";
import { listQueueFilterOptions, listReviewQueue, queueClauseLabel } from "@/lib/review/list-review-queue";
import { formatAge } from "@/lib/review/item-age";
import { parseQueueFilter, queueFilterQuery } from "@/lib/validation/review";
import { bulkReviewAction } from "./actions";

export const metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("legal");
  const filter = parseQueueFilter(await searchParams);
  const [queue, options, clauseLabel] = await Promise.all([
    listReviewQueue(filter, person.id),
    listQueueFilterOptions(),
    filter.clause ? queueClauseLabel(filter.clause) : null,
  ]);
  const rows: QueueRowView[] = queue.items.map((i) => ({
    id: i.id,
    type: i.type,
    status: i.status,
    severity: i.severity,
    title: i.title,
    age: formatAge(i.ageHours),
    openedAt: i.openedAt.toISOString(),
    person: i.user?.name ?? null,
    team: i.user?.team?.name ?? null,
    tool: i.tool?.slug ?? null,
    vendor: i.tool?.vendor.name ?? null,
    clauses: i.clauses.map((c) => c.ref),
    events: i.eventCount,
    assignee: i.assignee?.name ?? null,
  }));
  const exportQuery = queueFilterQuery(filter, { page: 1 });
  const filtered = exportQuery !== "";

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Flagged usage grouped per person, tool, project and day; requests waiting on legal; contaminated training-data contributions; and re-reviews after a vendor changed its terms."
        actions={
          <>
            <a href={`/api/evidence/events${exportQuery}`} className={buttonClass("secondary", "sm")}>Events CSV</a>
            <Link href={`/review/report${exportQuery}`} className={buttonClass("secondary", "sm")}>Printable report</Link>
          </>
        }
      />
      <QueueFilters filter={filter} options={options} clauseLabel={clauseLabel} />
      <p className="mb-2 text-xs text-slate-600" aria-live="polite">
        {formatCount(queue.total)} {queue.total === 1 ? "item" : "items"} · page {queue.page} of {queue.pages}
      </p>
      {queue.total === 0 ? (
        <EmptyState title={filtered ? "No items match these filters" : "The queue is empty"}>
          {filtered ? "Reset the filters to see every open item." : "Violations appear here as usage events arrive; nothing is waiting on legal right now."}
        </EmptyState>
      ) : (
        <QueueTable
          rows={rows}
          reviewers={options.reviewers}
          action={bulkReviewAction}
          sortLinks={{
            current: filter.sort,
            severity: `/review${queueFilterQuery(filter, { sort: "severity", page: 1 })}`,
            age: `/review${queueFilterQuery(filter, { sort: "age", page: 1 })}`,
          }}
        />
      )}
      <Pager page={queue.page} pages={queue.pages} label="Queue pages" href={(p) => `/review${queueFilterQuery(filter, { page: p })}`} />
    </>
  );
}
