import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { TermsDiffView } from "@/components/clauses/terms-diff-view";
import { ReviewStatusBadge, SeverityBadge } from "@/components/review/review-badges";
import { hasRole, requirePerson } from "@/lib/auth/authorize";
import { getTermsVersion } from "@/lib/clauses/clause-library";

export const metadata = { title: "Terms version" };

export default async function TermsVersionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ published?: string }> }) {
  const person = await requirePerson();
  const { id } = await params;
  const { published } = await searchParams;
  const v = await getTermsVersion(id);
  if (!v) notFound();
  const isLegal = hasRole(person, "legal");
  return (
    <>
      <PageHeader
        title={`${v.doc.vendor.name}: ${v.doc.title}, version ${v.doc.version}`}
        description={<>Effective {formatDate(v.doc.effectiveDate)} · <a className="underline" href={v.doc.url} target="_blank" rel="noreferrer">source</a>{v.previous ? ` · compared with version ${v.previous.version}` : " · first recorded version"}</>}
      />
      {published && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Published. {v.reReviews.length === 0 ? "Nothing relied on a changed clause, so no re-review was opened." : `${v.reReviews.length} re-review item${v.reReviews.length === 1 ? "" : "s"} opened.`}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="What changed">
          <TermsDiffView diff={v.diff} />
        </Card>
        <div className="space-y-4">
          <Card title={`Re-review items opened (${v.reReviews.length})`}>
            {v.reReviews.length === 0 ? <p className="text-sm text-slate-600">None: no live grant or open request relied on a changed or removed clause.</p> : (
              <ul className="space-y-1 text-sm">
                {v.reReviews.map((r) => (
                  <li key={r.id}>
                    <SeverityBadge severity={r.severity} /> <ReviewStatusBadge status={r.status} />{" "}
                    {isLegal ? <Link className="text-indigo-700 hover:underline" href={`/review/${r.id}`}>{r.title}</Link> : r.title}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={`Policy rules citing changed clauses (${v.citingRules.length})`}>
            {v.citingRules.length === 0 ? <p className="text-sm text-slate-600">No rule in the active policy{v.activeVersion ? ` (version ${v.activeVersion})` : ""} cites a changed or removed clause.</p> : (
              <>
                <p className="mb-2 text-sm text-amber-900">These rules in policy version {v.activeVersion} still cite the previous version&apos;s clauses. An admin re-points them in the policy editor.</p>
                <ul className="space-y-1 text-sm">
                  {v.citingRules.map((r) => (
                    <li key={r.id}>#{r.position} {r.name} — cites {r.clauses.map((c) => c.clause.ref).join(", ")}</li>
                  ))}
                </ul>
                {hasRole(person, "admin") && <Link className="mt-2 inline-block text-sm text-indigo-700 hover:underline" href="/admin/policy">Open the policy editor</Link>}
              </>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
