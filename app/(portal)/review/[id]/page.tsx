import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatDate, formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { AssignForm } from "@/components/review/assign-form";
import { EventsTable } from "@/components/review/events-table";
import { OutcomeForm } from "@/components/review/outcome-form";
import { Pager } from "@/components/review/pager";
import { ReviewStatusBadge, SeverityBadge, TYPE_LABELS } from "@/components/review/review-badges";
import { ItemHistory } from "@/components/review/item-history";
import { VendorRowsTable } from "@/components/review/vendor-rows-table";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { getReviewItem, listReviewItemEvents } from "@/lib/review/get-review-item";
import { listReviewItemVendorRows } from "@/lib/review/list-review-item-vendor-rows";
import { listQueueFilterOptions } from "@/lib/review/list-review-queue";
import { formatAge, itemAgeHours } from "@/lib/review/item-age";
import { assignItemAction, recordOutcomeAction } from "../actions";

export const metadata = { title: "Review item" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewItemPage({ params, searchParams }: Props) {
  await requireRole("legal");
  const { id } = await params;
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const detail = await getReviewItem(id);
  if (!detail) notFound();
  const { item, grants, requests, history } = detail;
  const unseen = item.type === "unseen_usage";
  const [events, { reviewers }, vendorRows] = await Promise.all([listReviewItemEvents(item, page), listQueueFilterOptions(), unseen ? listReviewItemVendorRows(item.id) : Promise.resolve([])]);
  const tz = env.COMPANY_TIME_ZONE;
  const decidable = item.status === "open" || item.status === "escalated";

  return (
    <>
      <PageHeader
        title={item.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{TYPE_LABELS[item.type]}</Badge>
            <SeverityBadge severity={item.severity} />
            <ReviewStatusBadge status={item.status} />
            <span>opened {formatDateTime(item.openedAt, tz)} · age {formatAge(itemAgeHours(item, new Date()))}</span>
          </span>
        }
        actions={
          <>
            <a href={`/api/evidence/events?item=${item.id}`} className={buttonClass("secondary", "sm")}>Events CSV</a>
            <Link href={`/review/report?item=${item.id}`} className={buttonClass("secondary", "sm")}>Printable report</Link>
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Summary">
            <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
              <div><dt className="text-xs text-slate-500">Person</dt><dd>{item.user ? `${item.user.name} (${item.user.email})` : "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Team</dt><dd>{item.user?.team?.name ?? "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Manager</dt><dd>{item.user?.manager?.name ?? "none on record"}</dd></div>
              <div><dt className="text-xs text-slate-500">Tool</dt><dd>{item.tool ? `${item.tool.name} (${item.tool.vendor.name})` : "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Project</dt><dd>{item.project ? `${item.project.key} (${item.project.sensitivity.replace("_", "-")})` : "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Day</dt><dd>{item.day ? formatDate(item.day) : "—"}</dd></div>
              <div><dt className="text-xs text-slate-500">Events</dt><dd className="tabular-nums">{formatCount(events.total)}</dd></div>
              <div><dt className="text-xs text-slate-500">Tokens</dt><dd className="tabular-nums">{formatCount(item.tokens)}</dd></div>
              {item.request && (
                <div><dt className="text-xs text-slate-500">Request</dt><dd><Link className="text-indigo-700 hover:underline" href={`/requests/${item.request.id}`}>{item.request.status.replace("_", " ")}</Link></dd></div>
              )}
              {item.contribution && (
                <div><dt className="text-xs text-slate-500">Contribution</dt><dd><Link className="text-indigo-700 hover:underline" href={`/contributions/${item.contribution.id}`}>{item.contribution.artifactRef}</Link></dd></div>
              )}
              {item.note && <div className="col-span-full"><dt className="text-xs text-slate-500">Reviewer note ({item.resolvedBy?.name ?? item.assignee?.name ?? "—"})</dt><dd className="whitespace-pre-wrap">{item.note}</dd></div>}
            </dl>
          </Card>
          <Card title="Clauses breached or relied on">
            {item.clauses.length === 0 ? (
              <p className="text-sm text-slate-600">No clause is linked to this item.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {item.clauses.map((c) => (
                  <li key={c.id}>
                    <Link href={`/clauses/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.termsDocument.vendor.name} {c.ref}</Link>{" "}
                    <SeverityBadge severity={c.severity} /> <span className="text-xs text-slate-500">terms v{c.termsDocument.version} · <a href={c.termsDocument.url} className="underline" rel="noreferrer" target="_blank">source</a></span>
                    <p className="text-slate-700">{c.summary}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
{unseen ? (
            <Card title={`Vendor rows (${formatCount(vendorRows.length)})`}>
              <p className="mb-2 text-xs text-slate-600">
                What the vendor reported for this subject and UTC day, beyond what Guardrail saw (the gap is in Tokens above). Guardrail&apos;s events carry no model, so the comparison is per day and subject; the models are the vendor&apos;s detail.{" "}
                <Link className="text-indigo-700 hover:underline" href={`/reports/reconciliation?from=${item.day ? item.day.toISOString().slice(0, 10) : ""}&to=${item.day ? item.day.toISOString().slice(0, 10) : ""}`}>See the reconciliation for that day</Link>
              </p>
              {vendorRows.length === 0 ? <EmptyState title="No vendor rows are linked to this item" /> : <VendorRowsTable rows={vendorRows} caption="Vendor rows: evidence of usage not seen by Guardrail" />}
            </Card>
          ) : (
                      <Card title={`Events (${formatCount(events.total)})`}>
              {events.total === 0 ? (
                <EmptyState title="No usage events for this item" />
              ) : (
                <>
                  <EventsTable events={events.events} timeZone={tz} caption="Evidence events" />
                  <Pager page={events.page} pages={events.pages} label="Event pages" href={(p) => `/review/${item.id}?page=${p}`} />
                </>
              )}
            </Card>
          )}
          <Card title="Grants and requests around that time">
            <h3 className="text-xs font-semibold text-slate-600">Grants</h3>
            {grants.length === 0 ? <p className="mb-3 text-sm text-slate-600">No grants within 30 days.</p> : (
              <ul className="mb-3 text-sm">
                {grants.map((g) => (
                  <li key={g.id}>
                    {g.tool.slug} for {g.activity.slug}{g.project ? ` on ${g.project.key}` : ""}: {formatDate(g.validFrom, tz)} – {formatDate(g.validTo, tz)}{" "}
                    {g.revokedAt ? <Badge tone="danger">revoked</Badge> : g.validTo < new Date() ? <Badge>expired</Badge> : <Badge tone="success">live</Badge>}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="text-xs font-semibold text-slate-600">Requests</h3>
            {requests.length === 0 ? <p className="text-sm text-slate-600">No requests within 30 days.</p> : (
              <ul className="text-sm">
                {requests.map((r) => (
                  <li key={r.id}>
                    <Link className="text-indigo-700 hover:underline" href={`/requests/${r.id}`}>{r.tool.slug} for {r.activity.slug}{r.project ? ` on ${r.project.key}` : ""}</Link>{" "}
                    filed {formatDate(r.createdAt, tz)} · <Badge>{r.status.replace("_", " ")}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-4">
          <Card title="Reviewer">
            <AssignForm itemId={item.id} currentId={item.assignee?.id ?? null} reviewers={reviewers} action={assignItemAction} />
          </Card>
          <Card title="Outcome">
            {decidable ? (
              <OutcomeForm itemId={item.id} version={item.version} canRevoke={!!(item.userId && item.toolId)} hasManager={!!item.user?.managerId} action={recordOutcomeAction} />
            ) : (
              <p className="text-sm text-slate-700">
                <ReviewStatusBadge status={item.status} /> by {item.resolvedBy?.name ?? "—"}{item.resolvedAt ? ` on ${formatDateTime(item.resolvedAt, tz)}` : ""}.
              </p>
            )}
          </Card>
          <Card title="History">
            <ItemHistory entries={history} timeZone={tz} />
          </Card>
        </div>
      </div>
    </>
  );
}
