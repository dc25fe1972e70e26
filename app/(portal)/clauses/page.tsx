import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { SeverityBadge } from "@/components/review/review-badges";
import { hasRole, requirePerson } from "@/lib/auth/authorize";
import { listClauseLibrary } from "@/lib/clauses/clause-library";

export const metadata = { title: "Clause library" };

export default async function ClauseLibraryPage() {
  const person = await requirePerson();
  const canEdit = hasRole(person, "legal");
  const vendors = await listClauseLibrary();
  return (
    <>
      <PageHeader
        title="Clause library"
        description="The partner terms our policy rests on: each vendor's terms by version, and the clauses policy rules cite. Legal adds new versions when a vendor changes its terms."
      />
      {vendors.length === 0 && <EmptyState title="No vendors yet">An admin adds vendors with the tool catalog.</EmptyState>}
      <div className="space-y-4">
        {vendors.map((v) => {
          const latest = v.terms[0];
          return (
            <Card
              key={v.id}
              title={`${v.name}${latest ? ` — ${latest.title}, version ${latest.version}` : ""}`}
              actions={canEdit && <Link href={`/clauses/new?vendor=${v.id}`} className={buttonClass("secondary", "sm")}>Add a new version</Link>}
            >
              {!latest ? (
                <p className="text-sm text-slate-600">No terms recorded for {v.name}.</p>
              ) : (
                <>
                  <p className="mb-2 text-xs text-slate-600">
                    Effective {formatDate(latest.effectiveDate)} · <a className="underline" href={latest.url} target="_blank" rel="noreferrer">source</a> ·{" "}
                    <Link className="text-indigo-700 hover:underline" href={`/clauses/terms/${latest.id}`}>changes in this version</Link>
                    {v.terms.length > 1 && (
                      <>
                        {" "}· earlier:{" "}
                        {v.terms.slice(1).map((t, i) => (
                          <span key={t.id}>{i > 0 && ", "}<Link className="text-indigo-700 hover:underline" href={`/clauses/terms/${t.id}`}>v{t.version}</Link></span>
                        ))}
                      </>
                    )}
                  </p>
                  <table className="min-w-full divide-y divide-slate-200 text-sm">
                    <caption className="sr-only">{v.name} clauses</caption>
                    <thead className="text-left text-xs font-semibold text-slate-600">
                      <tr><th scope="col" className="py-1 pr-3">Reference</th><th scope="col" className="py-1 pr-3">Summary</th><th scope="col" className="py-1 pr-3">Restricts</th><th scope="col" className="py-1 pr-3">Severity</th><th scope="col" className="py-1 text-right">Rules · items</th></tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {v.latestClauses.map((c) => (
                        <tr key={c.id} className="align-top">
                          <td className="py-1.5 pr-3 whitespace-nowrap"><Link href={`/clauses/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.ref}</Link></td>
                          <td className="py-1.5 pr-3">{c.summary}</td>
                          <td className="py-1.5 pr-3 text-xs">{c.restrictedActivities.join(", ") || "—"}</td>
                          <td className="py-1.5 pr-3"><SeverityBadge severity={c.severity} /></td>
                          <td className="py-1.5 text-right tabular-nums">{c._count.rules} · {c._count.reviewItems}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
