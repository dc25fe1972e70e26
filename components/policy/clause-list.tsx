import type { PolicyClause } from "@/lib/policy/evaluate";

/** The vendor clauses a decision rests on: vendor and reference first, then the plain-language summary. */
export function ClauseList({ clauses, empty = "No vendor clause cited." }: { clauses: PolicyClause[]; empty?: string }) {
  if (!clauses.length) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <ul className="space-y-1.5">
      {clauses.map((c) => (
        <li key={c.id} className="text-xs text-slate-700">
          <span className="font-semibold text-slate-900">
            {c.vendor} {c.ref}
          </span>
          {c.url && (
            <>
              {" "}
              <a href={c.url} className="text-indigo-700 underline" target="_blank" rel="noreferrer">
                terms
              </a>
            </>
          )}
          <span className="ml-1 text-slate-500">({c.severity})</span>
          <p>{c.summary}</p>
        </li>
      ))}
    </ul>
  );
}
