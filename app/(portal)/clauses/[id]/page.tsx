import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { ReviewStatusBadge, SeverityBadge, TYPE_LABELS } from "@/components/review/review-badges";
import { hasRole, requirePerson } from "@/lib/auth/authorize";
import { getClauseDetail } from "@/lib/clauses/clause-library";

export const metadata = { title: "Clause" };

export default async function ClausePage({ params }: { params: Promise<{ id: string }> }) {
  const person = await requirePerson();
  const { id } = await params;
  const d = await getClauseDetail(id);
  if (!d) notFound();
  const { clause } = d;
  const isLegal = hasRole(person, "legal");
  const canExport = hasRole(person, "legal", "admin");
  return (
    <>
      <PageHeader
        title={`${clause.termsDocument.vendor.name} ${clause.ref}`}
        description={<>{clause.termsDocument.title}, version {clause.termsDocument.version} (effective {formatDate(clause.termsDocument.effectiveDate)}) · <a className="underline" href={clause.termsDocument.url} target="_blank" rel="noreferrer">source</a></>}
        actions={
          canExport && (
            <>
              <a href={`/api/evidence/events?clause=${clause.id}`} className={buttonClass("secondary", "sm")}>Events CSV</a>
              <Link href={`/review/report?clause=${clause.id}`} className={buttonClass("secondary", "sm")}>Printable report</Link>
            </>
          )
        }
      />
      {d.newer && (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Superseded: version {d.newer.termsDocument.version} has <Link className="underline" href={`/clauses/${d.newer.id}`}>a newer text of this clause</Link>.
        </p>
      )}
      <Card title="Clause" className="mb-4">
        <p className="text-sm text-slate-800">{clause.summary}</p>
        <p className="mt-2 text-xs text-slate-600">Severity <SeverityBadge severity={clause.severity} /> · restricts {clause.restrictedActivities.join(", ") || "no specific activity"}</p>
      </Card>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={`Policy rules (${d.rules.length})`}>
          {d.rules.length === 0 ? <p className="text-sm text-slate-600">No rule cites this clause.</p> : (
            <ul className="space-y-1 text-sm">
              {d.rules.map((r) => (
                <li key={r.id}>
                  v{r.policyVersion.version} #{r.position} {r.name} <Badge>{r.effect.replace("_", " ")}</Badge>
                  {r.policyVersion.version === d.activeVersion && <Badge tone="success">active</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Grants and open requests (${d.grants.length + d.requests.length})`}>
          {d.grants.length + d.requests.length === 0 ? <p className="text-sm text-slate-600">No grant or open request relied on this clause.</p> : !canExport ? (
            <p className="text-sm text-slate-600">{d.grants.length} grants and {d.requests.length} open requests relied on this clause.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {d.grants.map((g) => (
                <li key={g.id}>
                  Grant: {g.user.name}, {g.tool.slug} for {g.activity.slug} until {formatDate(g.validTo)}{" "}
                  {g.revokedAt ? <Badge tone="danger">revoked</Badge> : g.validTo < new Date() ? <Badge>expired</Badge> : <Badge tone="success">live</Badge>}
                </li>
              ))}
              {d.requests.map((r) => (
                <li key={r.id}>Request: {r.requester.name}, {r.tool.slug} <Badge tone="info">{r.status.replace("_", " ")}</Badge></li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Review items (${d.violationCount})`}>
          {d.violations.length === 0 ? <p className="text-sm text-slate-600">No violation or review cites this clause.</p> : !canExport ? (
            <p className="text-sm text-slate-600">{d.violationCount} review items cite this clause.</p>
          ) : (
            <>
              <ul className="space-y-1 text-sm">
                {d.violations.map((v) => (
                  <li key={v.id}>
                    <ReviewStatusBadge status={v.status} />{" "}
                    {isLegal ? <Link className="text-indigo-700 hover:underline" href={`/review/${v.id}`}>{v.title}</Link> : v.title}
                    <span className="block text-xs text-slate-500">{TYPE_LABELS[v.type]} · {formatDate(v.openedAt)} · {v.eventCount} events</span>
                  </li>
                ))}
              </ul>
              {isLegal && d.violationCount > d.violations.length && (
                <Link className="mt-2 inline-block text-sm text-indigo-700 hover:underline" href={`/review?status=all&clause=${clause.id}`}>All {d.violationCount} in the queue</Link>
              )}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
