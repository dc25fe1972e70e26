import { Badge } from "@/components/ui/badge";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { EventsTable } from "@/components/review/events-table";
import { PrintButton } from "@/components/review/print-button";
import { ReviewStatusBadge, SeverityBadge, TYPE_LABELS } from "@/components/review/review-badges";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { buildEvidenceReport } from "@/lib/evidence/build-evidence-report";
import { evidenceScopeQuery, parseEvidenceScope } from "@/lib/evidence/evidence-scope";

export const metadata = { title: "Evidence report" };

export default async function EvidenceReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("legal", "admin");
  const scope = parseEvidenceScope(await searchParams);
  const report = await buildEvidenceReport(scope, { type: "user", id: person.id });
  const tz = env.COMPANY_TIME_ZONE;

  return (
    <article className="mx-auto max-w-5xl space-y-6 text-sm print:max-w-none print:text-xs">
      <div className="border-b border-slate-300 pb-3">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold text-slate-900">Evidence report</h1>
            <p className="text-slate-700">Scope: {report.scope}</p>
            <p className="text-slate-700">
              Generated {formatDateTime(report.generatedAt, tz)} ({report.generatedAt.toISOString()}) by {person.name} &lt;{person.email}&gt;
            </p>
          </div>
          <div className="no-print flex gap-2">
            <PrintButton />
            <a className="rounded-md border border-slate-300 px-2.5 py-1 text-xs" href={`/api/evidence/events${evidenceScopeQuery(scope)}`}>All events as CSV</a>
          </div>
        </div>
        <p className="mt-2" role="status">
          Audit chain at export time:{" "}
          {report.chain.ok ? (
            <Badge tone="success">intact — {formatCount(report.chain.entries)} entries verified</Badge>
          ) : (
            <Badge tone="danger">BROKEN at entry #{report.chain.firstBrokenSeq}; entries from there on cannot be trusted</Badge>
          )}
        </p>
      </div>

      <section aria-labelledby="items-h" className="break-inside-avoid-page">
        <h2 id="items-h" className="mb-2 text-base font-semibold">Items ({formatCount(report.itemTotal)}{report.itemTotal > report.items.length ? `, first ${report.items.length} shown` : ""})</h2>
        {report.items.length === 0 ? <p>No review items in this scope.</p> : (
          <table className="min-w-full border border-slate-300 text-left">
            <thead className="bg-slate-50"><tr><th className="px-2 py-1">Item</th><th className="px-2 py-1">Person</th><th className="px-2 py-1">Clauses</th><th className="px-2 py-1">Status</th><th className="px-2 py-1 text-right">Events</th></tr></thead>
            <tbody>
              {report.items.map((i) => (
                <tr key={i.id} className="border-t border-slate-200 align-top">
                  <td className="px-2 py-1">
                    <span className="font-medium">{i.title}</span>
                    <span className="block text-xs text-slate-600">{TYPE_LABELS[i.type]} · <SeverityBadge severity={i.severity} /> · opened {formatDateTime(i.openedAt, tz)} · <span className="font-mono">{i.id}</span></span>
                  </td>
                  <td className="px-2 py-1">{i.user ? `${i.user.name} <${i.user.email}>` : "—"}</td>
                  <td className="px-2 py-1">
                    {i.clauses.map((c) => (
                      <span key={`${c.termsDocument.vendor.name}${c.ref}`} className="block">
                        {c.termsDocument.vendor.name} {c.ref} (v{c.termsDocument.version}): {c.summary}
                      </span>
                    ))}
                  </td>
                  <td className="px-2 py-1"><ReviewStatusBadge status={i.status} />{i.note && <span className="block text-xs">{i.note}</span>}{i.resolvedBy && <span className="block text-xs">by {i.resolvedBy.name}</span>}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatCount(i.eventCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="events-h">
        <h2 id="events-h" className="mb-2 text-base font-semibold">
          Events ({formatCount(report.eventTotal)}{report.eventTotal > report.events.length ? `, first ${report.events.length} shown; the CSV holds all` : ""})
        </h2>
        {report.eventsTruncatedByItems && <p className="mb-2 text-amber-800">More than 500 non-violation items are in scope: narrow the filter to include all of their events.</p>}
        {report.events.length === 0 ? <p>No events.</p> : <EventsTable events={report.events} timeZone={tz} caption="Evidence events" />}
      </section>

      <section aria-labelledby="custody-h">
        <h2 id="custody-h" className="mb-2 text-base font-semibold">Chain of custody ({formatCount(report.audit.length)} audit entries)</h2>
        <p className="mb-2 text-slate-700">Each entry holds the hash of the one before it; the verification above recomputed every hash in the log when this report was generated.</p>
        <table className="min-w-full border border-slate-300 text-left text-xs">
          <thead className="bg-slate-50"><tr><th className="px-2 py-1">#</th><th className="px-2 py-1">Time (UTC)</th><th className="px-2 py-1">Actor</th><th className="px-2 py-1">Action</th><th className="px-2 py-1">Item</th><th className="px-2 py-1">Hash</th></tr></thead>
          <tbody>
            {report.audit.map((a) => (
              <tr key={String(a.seq)} className="border-t border-slate-200">
                <td className="px-2 py-1 tabular-nums">{String(a.seq)}</td>
                <td className="px-2 py-1">{a.at.toISOString()}</td>
                <td className="px-2 py-1">{a.actorType} {a.actorId ?? ""}</td>
                <td className="px-2 py-1"><code>{a.action}</code></td>
                <td className="px-2 py-1 font-mono">{a.entityId}</td>
                <td className="px-2 py-1 font-mono break-all">{a.hash.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
