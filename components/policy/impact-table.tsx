import Link from "next/link";
import type { ImpactCatalog, ImpactOutcome, ImpactRow } from "@/lib/policy/policy-impact";
import { DecisionBadge } from "./decision-badge";

function Outcome({ outcome }: { outcome: ImpactOutcome }) {
  return (
    <span className="inline-flex flex-col gap-0.5">
      <DecisionBadge decision={outcome.decision} reason={outcome.reason} />
      <span className="text-xs text-slate-500">{outcome.ruleName ? `rule “${outcome.ruleName}”` : "no rule: default"}</span>
    </span>
  );
}

/** Open requests and live grants that the new rules decide differently from the old ones. */
export function ImpactTable({ rows, catalog, beforeLabel, afterLabel }: { rows: ImpactRow[]; catalog: ImpactCatalog; beforeLabel: string; afterLabel: string }) {
  if (!rows.length) {
    return <p className="text-sm text-slate-600">No open request or live grant is decided differently.</p>;
  }
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Requests and grants decided differently</caption>
        <thead className="bg-slate-50">
          <tr>
            {["What", "Who", "Tool · activity · project", beforeLabel, afterLabel].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-700">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(({ case: c, before, after }) => (
            <tr key={`${c.kind}-${c.id}`} className="align-top">
              <td className="px-3 py-2">
                {c.kind === "request" ? (
                  <Link href={`/requests/${c.id}`} className="text-indigo-700 underline">
                    Request ({c.status.replace("_", " ")})
                  </Link>
                ) : (
                  <Link href={`/grants?grant=${c.id}`} className="text-indigo-700 underline">
                    Live grant
                  </Link>
                )}
              </td>
              <td className="px-3 py-2">{c.personName}</td>
              <td className="px-3 py-2 text-xs text-slate-700">
                {catalog.toolsById[c.toolId]?.name} · {catalog.activitiesById[c.activityId]?.name} · {c.projectId ? catalog.projectsById[c.projectId]?.key : "any project"}
              </td>
              <td className="px-3 py-2">
                <Outcome outcome={before} />
              </td>
              <td className="px-3 py-2">
                <Outcome outcome={after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
