// Bands for how long review items have waited. Pure.

export const AGE_BANDS = [
  { label: "0–2 days", max: 2 },
  { label: "3–7 days", max: 7 },
  { label: "8–14 days", max: 14 },
  { label: "15–30 days", max: 30 },
  { label: "over 30 days", max: Infinity },
] as const;

export function ageBand(ageDays: number): string {
  return (AGE_BANDS.find((b) => ageDays <= b.max) ?? AGE_BANDS[AGE_BANDS.length - 1]).label;
}

export type AgeingRow = { band: string; values: Record<string, number>; total: number };

/** Items per age band (rows, in band order) and type (columns), zero-filled. */
export function queueAgeing(rows: { type: string; ageDays: number; items: number }[], types: string[]): AgeingRow[] {
  const out = AGE_BANDS.map((b) => ({ band: b.label, values: Object.fromEntries(types.map((t) => [t, 0])) as Record<string, number>, total: 0 }));
  for (const r of rows) {
    const row = out.find((o) => o.band === ageBand(Math.max(0, r.ageDays)))!;
    row.values[r.type] = (row.values[r.type] ?? 0) + r.items;
    row.total += r.items;
  }
  return out;
}
