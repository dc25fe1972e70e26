// Shares and distributions: pure arithmetic over numbers the queries already summed.

/** part / total, or null when there is nothing to divide (so "no usage" never reads as 0%). */
export function shareOf(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

export type InHouseShareRow = { bucket: string; internal: number; external: number; internalShare: number | null };

/** Per bucket: tokens of internal tools versus external ones, and the internal share. */
export function inHouseShare(rows: { bucket: string; values: Record<string, number> }[], internalSeries: ReadonlySet<string>): InHouseShareRow[] {
  return rows.map(({ bucket, values }) => {
    let internal = 0;
    let external = 0;
    for (const [series, v] of Object.entries(values)) {
      if (internalSeries.has(series)) internal += v;
      else external += v;
    }
    return { bucket, internal, external, internalShare: shareOf(internal, internal + external) };
  });
}

export const UTILIZATION_BINS = [
  { label: "0–20%", min: 0, max: 0.2 },
  { label: "20–40%", min: 0.2, max: 0.4 },
  { label: "40–60%", min: 0.4, max: 0.6 },
  { label: "60–80%", min: 0.6, max: 0.8 },
  { label: "80–100%", min: 0.8, max: 1 },
  { label: "≥100%", min: 1, max: Infinity },
] as const;

/** How many people fall in each utilization band; each band includes its lower bound only. */
export function utilizationHistogram(utilizations: number[]): { label: string; people: number }[] {
  return UTILIZATION_BINS.map((bin) => ({ label: bin.label, people: utilizations.filter((u) => u >= bin.min && u < bin.max).length }));
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median hours from filing to decision, counting only requests that were decided. */
export function medianHoursToDecision(requests: { createdAt: Date; decidedAt: Date | null }[]): number | null {
  const hours = requests.flatMap((r) => (r.decidedAt ? [(r.decidedAt.getTime() - r.createdAt.getTime()) / 3_600_000] : []));
  return median(hours);
}
