import { Badge } from "@/components/ui/badge";
import { formatCount, formatUsd } from "@/components/ui/format";
import type { VendorEvidenceRow } from "@/lib/review/list-review-item-vendor-rows";

/** The vendor's own rows behind an "usage not seen by Guardrail" item: what the vendor reported, per row of its report. */
export function VendorRowsTable({ rows, caption }: { rows: VendorEvidenceRow[]; caption: string }) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Day (UTC)</th>
            <th scope="col" className="px-3 py-2">Report</th>
            <th scope="col" className="px-3 py-2">Account</th>
            <th scope="col" className="px-3 py-2">Person</th>
            <th scope="col" className="px-3 py-2">Model</th>
            <th scope="col" className="px-3 py-2 text-right">Input</th>
            <th scope="col" className="px-3 py-2 text-right">Output</th>
            <th scope="col" className="px-3 py-2 text-right">Cache read / write</th>
            <th scope="col" className="px-3 py-2 text-right">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-1.5 whitespace-nowrap">{r.day}</td>
              <td className="px-3 py-1.5">
                {r.vendor} · {r.kind.replaceAll("_", " ")}
                {r.report.fileName && <span className="block text-xs text-slate-500">{r.report.fileName}</span>}
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{r.accountRef || "—"}</td>
              <td className="px-3 py-1.5">{r.person ?? r.actorEmail ?? "—"}</td>
              <td className="px-3 py-1.5">{r.model || "—"}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(r.inputTokens)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(r.outputTokens)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {formatCount(r.cacheReadTokens)} / {formatCount(r.cacheWriteTokens)}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">
                {r.costUsd === null ? "—" : formatUsd(r.costUsd)} {r.costUsd !== null && (r.costBilled ? <Badge tone="info">billed</Badge> : <Badge>estimate</Badge>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
