import { listBuckets, type Grain } from "@/lib/calendar";
import { partialBuckets } from "./partial-buckets";
import type { VendorClauseBucketRow } from "./load-legal-report";

/**
 * The legal report's "violations per vendor per period" chart: one bar per bucket of the range (empty ones too),
 * stacked by vendor, and the buckets the range covers only in part (the same rule as the org report's charts,
 * `partialBuckets`), which the chart draws faded and starred instead of as a drop.
 */
export function vendorViolationsChart(input: { filters: { from: string; to: string; grain: Grain }; vendors: string[]; vendorClauseSeries: VendorClauseBucketRow[] }) {
  const { from, to, grain } = input.filters;
  const buckets = listBuckets(from, to, grain);
  const data = buckets.map((bucket) => ({
    label: bucket,
    ...Object.fromEntries(input.vendors.map((v) => [v, input.vendorClauseSeries.filter((s) => s.bucket === bucket && s.vendor === v).reduce((a, s) => a + s.items, 0)])),
  }));
  return { data, partial: partialBuckets(buckets, from, to, grain) };
}
