import { cellKey, type MatrixCell } from "@/lib/policy/policy-matrix";
import type { AllowedView } from "@/lib/policy/load-allowed-view";
import { Badge } from "@/components/ui/badge";
import { ClauseList } from "./clause-list";
import { decisionLabel } from "./decision-badge";

const CELL_TONE: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  info: "bg-sky-50 text-sky-900 ring-sky-300",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  danger: "bg-red-50 text-red-900 ring-red-300",
  neutral: "bg-slate-50 text-slate-800 ring-slate-300",
};

function Cell({ cell, label }: { cell: MatrixCell; label: string }) {
  const { label: text, tone } = decisionLabel(cell.decision, cell.reason);
  const refs = cell.clauses.map((c) => `${c.vendor} ${c.ref}`).join(", ");
  return (
    <details className="group relative">
      <summary
        className={`cursor-pointer list-none rounded px-1.5 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600 ${CELL_TONE[tone]}`}
        title={`${cell.message}${refs ? ` — ${refs}` : ""}`}
        aria-label={`${label}: ${text}`}
      >
        {text}
        {cell.clauses.length > 0 && <span className="ml-1 font-normal">· {cell.clauses.length} clause{cell.clauses.length > 1 ? "s" : ""}</span>}
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-80 space-y-2 rounded-md border border-slate-200 bg-white p-3 text-left shadow-lg">
        <p className="text-xs text-slate-800">{cell.message}</p>
        {cell.grantValidTo && <p className="text-xs text-sky-800">Your grant is valid until {cell.grantValidTo.slice(0, 10)}.</p>}
        {cell.ruleName && <p className="text-xs text-slate-500">Rule: {cell.ruleName}</p>}
        <ClauseList clauses={cell.clauses} />
      </div>
    </details>
  );
}

/** Tools down, activities across; each cell opens to the message, the rule and the clauses behind it. */
export function PolicyMatrix({ view }: { view: AllowedView }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white pb-48">
      <table className="min-w-full text-sm">
        <caption className="sr-only">
          What each tool may be used for{view.project ? ` on ${view.project.name}` : ""}, policy version {view.policyVersion}
        </caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left text-xs font-semibold text-slate-700">
              Tool
            </th>
            {view.activities.map((a) => (
              <th key={a.id} scope="col" className="px-2 py-2 text-left align-bottom text-xs font-semibold text-slate-700">
                {a.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.tools.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left align-top">
                <span className="block text-sm font-medium text-slate-900">{t.name}</span>
                <span className="block text-xs text-slate-500">
                  {t.vendor} · {t.kind}
                </span>
                {t.status !== "approved" && (
                  <span className="mt-0.5 inline-block">
                    <Badge tone={t.status === "blocked" ? "danger" : "warning"}>{t.status}</Badge>
                  </span>
                )}
              </th>
              {view.activities.map((a) => (
                <td key={a.id} className="px-2 py-2 align-top">
                  <Cell cell={view.cells[cellKey(t.id, a.id)]} label={`${t.name} for ${a.name}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
