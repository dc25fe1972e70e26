// Report buckets: daily points summed into days, weeks or months (the calendar itself is lib/calendar.ts).

import { bucketStart, daysInclusive, listBuckets, type Grain } from "@/lib/calendar";

/** A grain that keeps a chart readable: days up to ~2 months, then weeks, then months. */
export function defaultGrain(from: string, to: string): Grain {
  const n = daysInclusive(from, to);
  return n <= 62 ? "day" : n <= 200 ? "week" : "month";
}

export type SeriesPoint = { day: string; series: string; value: number };
export type BucketRow = { bucket: string; values: Record<string, number>; total: number };

/** Sums daily points into buckets × series, zero-filling missing buckets and series. */
export function pivotByBucket(points: SeriesPoint[], from: string, to: string, grain: Grain, series: string[]): BucketRow[] {
  const rows = new Map<string, BucketRow>();
  for (const bucket of listBuckets(from, to, grain)) {
    rows.set(bucket, { bucket, values: Object.fromEntries(series.map((s) => [s, 0])), total: 0 });
  }
  for (const p of points) {
    const row = rows.get(bucketStart(p.day, grain));
    if (!row) continue;
    row.values[p.series] = (row.values[p.series] ?? 0) + p.value;
    row.total += p.value;
  }
  return [...rows.values()];
}
