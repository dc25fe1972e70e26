import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { ContributionStatusBadge } from "@/components/contributions/contribution-status";
import { EventsTable } from "@/components/review/events-table";
import { Pager } from "@/components/review/pager";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { getContribution } from "@/lib/provenance/list-contributions";

export const metadata = { title: "Contribution" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; registered?: string }> };

export default async function ContributionPage({ params, searchParams }: Props) {
  const person = await requireRole("engineer", "legal", "admin");
  const { id } = await params;
  const sp = await searchParams;
  const page = Math.max(1, Number(sp.page) || 1);
  // Scoped in the query: someone else's contribution is simply not found for an engineer.
  const d = await getContribution(person, id, page);
  if (!d) notFound();
  const c = d.contribution;
  const tz = env.COMPANY_TIME_ZONE;
  return (
    <>
      <PageHeader
        title={c.artifactRef}
        description={<>Contribution to {c.project.key} by {c.author.name} · registered {formatDateTime(c.createdAt, tz)}</>}
      />
      {sp.registered && (
        <p role="status" className={`mb-4 rounded-md px-3 py-2 text-sm ${c.status === "clean" ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
          {c.status === "clean"
            ? "Registered: clean. No external-tool usage by you on this project during the window."
            : `Registered: contaminated. ${c.evidenceEventCount} external-tool event${c.evidenceEventCount === 1 ? "" : "s"} on this project during the window; legal will review it.`}
        </p>
      )}
      <Card title="Result" className="mb-4">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div><dt className="text-xs text-slate-500">Status</dt><dd><ContributionStatusBadge status={c.status} /></dd></div>
          <div><dt className="text-xs text-slate-500">Authoring window ({tz})</dt><dd>{formatDate(c.windowStart, tz)} – {formatDate(new Date(c.windowEnd.getTime() - 1), tz)}</dd></div>
          <div><dt className="text-xs text-slate-500">Window (UTC, end exclusive)</dt><dd className="text-xs">{c.windowStart.toISOString()} – {c.windowEnd.toISOString()}</dd></div>
          <div><dt className="text-xs text-slate-500">Last checked</dt><dd>{c.checkedAt ? formatDateTime(c.checkedAt, tz) : "—"}</dd></div>
        </dl>
        <p className="mt-2 text-xs text-slate-600">Attested handmade on {formatDateTime(c.attestedAt, tz)}. Usage events that arrive late are checked against this window as they come in.</p>
        {hasRole(person, "legal") && c.reviewItems.map((r) => (
          <Link key={r.id} href={`/review/${r.id}`} className="mt-2 inline-block text-sm text-indigo-700 hover:underline">Review item ({r.status})</Link>
        ))}
      </Card>
      <Card title={`Evidence: external-tool events (${d.eventTotal})`}>
        {d.eventTotal === 0 ? (
          <EmptyState title="No external-tool usage in the window" />
        ) : (
          <>
            <EventsTable events={d.events} timeZone={tz} caption="External-tool events in the authoring window" />
            <Pager page={page} pages={d.eventPages} href={(p) => `/contributions/${c.id}?page=${p}`} label="Event pages" />
          </>
        )}
      </Card>
    </>
  );
}
