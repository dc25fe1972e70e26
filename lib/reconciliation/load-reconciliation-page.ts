import "server-only";
import { prisma } from "@/lib/db/client";
import { listBuckets } from "@/lib/calendar";
import type { ReconciliationFilters } from "@/lib/validation/reconciliation";
import { readGapThreshold } from "./gap-threshold";
import { loadReconciliation, type LabelledLine } from "./load-reconciliation";
import type { GapThreshold } from "./reconcile";

export type GapByDay = { day: string; values: Record<string, number> };
export type ReconciliationPage = {
  filters: ReconciliationFilters;
  threshold: GapThreshold;
  vendors: { slug: string; name: string }[];
  hasReports: boolean;
  vendorKnown: boolean;
  gapByDay: GapByDay[];
  totals: { vendorTokens: number; guardrailTokens: number; unexplainedTokens: number; unexplainedLines: number };
  lines: LabelledLine[];
};

/** How many lines the table shows: the largest differences first; the rest are summed in the chart and totals. */
export const RECONCILIATION_TABLE_LIMIT = 200;

/** Everything the reconciliation page shows (company-wide: vendor accounts are not people of one org). */
export async function loadReconciliationPage(filters: ReconciliationFilters): Promise<ReconciliationPage> {
  const [vendors, reportCount, threshold] = await Promise.all([
    prisma.vendor.findMany({ where: { vendorReports: { some: {} } }, select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
    prisma.vendorReport.count(),
    readGapThreshold(),
  ]);
  const vendor = filters.vendor ? vendors.find((v) => v.slug === filters.vendor) : undefined;
  const lines = reportCount ? await loadReconciliation({ from: filters.from, to: filters.to, vendorId: vendor?.id ?? null }, threshold) : [];
  // The chart: per day, the unexplained gap and the rest of the positive gap (vendor above Guardrail but within the threshold).
  const byDay = new Map(listBuckets(filters.from, filters.to, "day").map((d) => [d, { unexplained: 0, withinThreshold: 0 }]));
  for (const l of lines) {
    const d = byDay.get(l.day);
    if (!d || l.gapTokens <= 0) continue;
    if (l.unexplained) d.unexplained += l.gapTokens;
    else d.withinThreshold += l.gapTokens;
  }
  const unexplained = lines.filter((l) => l.unexplained);
  return {
    filters,
    threshold,
    vendors: vendors.map((v) => ({ slug: v.slug, name: v.name })),
    hasReports: reportCount > 0,
    vendorKnown: !filters.vendor || !!vendor,
    gapByDay: [...byDay.entries()].map(([day, values]) => ({ day, values })),
    totals: {
      vendorTokens: lines.reduce((a, l) => a + l.vendorTokens, 0),
      guardrailTokens: lines.reduce((a, l) => a + l.guardrailTokens, 0),
      unexplainedTokens: unexplained.reduce((a, l) => a + l.gapTokens, 0),
      unexplainedLines: unexplained.length,
    },
    lines: lines.slice(0, RECONCILIATION_TABLE_LIMIT),
  };
}
