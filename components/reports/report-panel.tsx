import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { ReportTable } from "@/lib/reports/report-table";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function toRows(table: ReportTable): Row[] {
  return table.rows.map((row, i) => ({
    id: String(i),
    values: row,
    cells: Object.fromEntries(table.columns.map((c) => [c.key, typeof row[c.key] === "number" ? number.format(row[c.key] as number) : (row[c.key] ?? "—")])),
  }));
}

/**
 * One report section: an optional chart, the same numbers as a table (beside the chart on wide screens,
 * always printed), and a CSV download of exactly that table with the page's filters.
 */
export function ReportPanel({ table, csvHref, chart, empty, note, isEmpty }: { table: ReportTable; csvHref: string; chart?: ReactNode; empty: string; note?: ReactNode; isEmpty?: boolean }) {
  const nothing = isEmpty ?? table.rows.length === 0;
  return (
    <Card
      title={table.title}
      className="break-inside-avoid print:shadow-none"
      actions={
        <a href={csvHref} className="text-xs font-medium text-indigo-700 underline-offset-2 hover:underline print:hidden" download aria-label={`Download ${table.title} as CSV`}>
          Download CSV
        </a>
      }
    >
      {note && <p className="mb-2 text-xs text-slate-600">{note}</p>}
      {nothing ? (
        <EmptyState title="Nothing to show">{empty}</EmptyState>
      ) : chart ? (
        <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-1">
          <div className="min-w-0">{chart}</div>
          <details className="min-w-0" open>
            <summary className="cursor-pointer text-xs font-medium text-slate-600 print:hidden">Table of these numbers</summary>
            <div className="mt-2">
              <DataTable caption={table.title} columns={table.columns.map((c) => ({ ...c, sortable: true }))} rows={toRows(table)} />
            </div>
          </details>
        </div>
      ) : (
        <DataTable caption={table.title} columns={table.columns.map((c) => ({ ...c, sortable: true }))} rows={toRows(table)} />
      )}
    </Card>
  );
}
