import { addDays, nextMonthStart, type Grain } from "@/lib/calendar";

/**
 * The buckets (week or month starts) that the range [from, to] covers only in part: the first when the range
 * starts after the bucket does, the last when it ends before the bucket does. Their sums cover fewer days, so
 * charts mark them instead of showing a drop.
 */
export function partialBuckets(buckets: string[], from: string, to: string, grain: Grain): Set<string> {
  const partial = new Set<string>();
  if (grain === "day") return partial;
  for (const start of buckets) {
    const end = grain === "week" ? addDays(start, 6) : addDays(nextMonthStart(start), -1);
    if (start < from || end > to) partial.add(start);
  }
  return partial;
}
