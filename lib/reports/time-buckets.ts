// Calendar arithmetic on plain day strings ("2026-11-20"). Days are company-local calendar days
// already (UsageDaily.day), so the math here is done in UTC to avoid any second time-zone shift.

export type Grain = "day" | "week" | "month";

const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Days from `from` to `to`, both included: a single day is 1. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
}

/** First day of the bucket `day` falls in: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  const weekday = new Date(toUtc(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The 1st of the month after the one `day` falls in. */
export function nextMonthStart(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export type DayRange = { from: string; to: string };
export type WindowSplit = { months: DayRange | null; days: DayRange[] };

/**
 * Splits the closed range [from, to] into the calendar months it covers whole (`months` holds the 1st of the
 * first and of the last) and the days left over at either edge, so long windows read monthly rollups.
 */
export function splitByWholeMonths(from: string, to: string): WindowSplit {
  if (from > to) return { months: null, days: [] };
  const firstWhole = from.endsWith("-01") ? from : nextMonthStart(from);
  const afterLastWhole = nextMonthStart(to) === addDays(to, 1) ? nextMonthStart(to) : bucketStart(to, "month");
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= to) days.push({ from: afterLastWhole, to });
  return { months: { from: firstWhole, to: addDays(afterLastWhole, -1).slice(0, 8) + "01" }, days };
}

/** Every bucket start that overlaps [from, to], in order (so empty buckets still show as zero). */
export function listBuckets(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  let cur = bucketStart(from, grain);
  while (cur <= to) {
    out.push(cur);
    if (grain === "day") cur = addDays(cur, 1);
    else if (grain === "week") cur = addDays(cur, 7);
    else cur = nextMonthStart(cur);
  }
  return out;
}

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
