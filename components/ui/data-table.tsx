"use client";

import { useMemo, useState, type ReactNode } from "react";
import { inputClass } from "./form-field";
import { useHydrated } from "./use-hydrated";

export type Column = { key: string; header: string; sortable?: boolean; numeric?: boolean };
/** `cells` is what is shown; `values` is what sorting and filtering use (plain data, so servers can send it). */
export type Row = { id: string; cells: Record<string, ReactNode>; values: Record<string, string | number | null> };

type Props = {
  columns: Column[];
  rows: Row[];
  caption: string;
  filterLabel?: string;
  initialSort?: { key: string; dir: "asc" | "desc" };
  empty?: ReactNode;
};

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

/** A dense table that sorts by clicking a header and filters by typing. */
export function DataTable({ columns, rows, caption, filterLabel = "Filter", initialSort, empty }: Props) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState(initialSort);
  const hydrated = useHydrated();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q ? rows.filter((r) => Object.values(r.values).some((v) => v !== null && String(v).toLowerCase().includes(q))) : rows;
    if (!sort) return filtered;
    const sign = sort.dir === "asc" ? 1 : -1;
    return [...filtered].sort((a, b) => sign * compare(a.values[sort.key] ?? null, b.values[sort.key] ?? null));
  }, [rows, query, sort]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: columns.find((c) => c.key === key)?.numeric ? "desc" : "asc" }));

  return (
    <div className="space-y-2">
      {rows.length > 5 && (
        <div className="flex items-center gap-2">
          <label className="sr-only" htmlFor={`filter-${caption}`}>
            {filterLabel}
          </label>
          <input id={`filter-${caption}`} type="search" disabled={!hydrated} placeholder={`${filterLabel}…`} value={query} onChange={(e) => setQuery(e.target.value)} className={`${inputClass} max-w-xs`} />
          <span className="text-xs text-slate-500" aria-live="polite">
            {shown.length} of {rows.length}
          </span>
        </div>
      )}
      <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              {columns.map((c) => {
                const dir = sort?.key === c.key ? sort.dir : undefined;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={dir ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    className={`px-3 py-2 text-xs font-semibold text-slate-600 ${c.numeric ? "text-right" : "text-left"}`}
                  >
                    {c.sortable ? (
                      <button type="button" disabled={!hydrated} onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 hover:text-slate-900">
                        {c.header}
                        <span aria-hidden="true">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {shown.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50">
                {columns.map((c) => (
                  <td key={c.key} className={`px-3 py-1.5 align-top text-slate-800 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                    {r.cells[c.key] ?? r.values[c.key] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <div className="p-4 text-center text-sm text-slate-600">{rows.length === 0 ? (empty ?? "Nothing here yet.") : "No rows match the filter."}</div>}
      </div>
    </div>
  );
}
