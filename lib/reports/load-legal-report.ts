import "server-only";
import type { Person } from "@/lib/auth/authorize";
import type { ReportFilters } from "@/lib/validation/report";
import { queueAgeing, type AgeingRow } from "./queue-ageing";
import { resolveReportScope, type ResolvedScope } from "./report-scope";
import { loadContributions, loadOpenQueueAges, loadVendorExposure, loadViolationsByClause, type ContaminatedRow, type VendorExposureRow } from "./review-queries";
import { pct, usd, whole, type ReportTable } from "./report-table";
import { bucketStart } from "@/lib/calendar";

export const REVIEW_TYPES = ["violation", "legal_request", "contaminated_contribution", "re_review", "unseen_usage"] as const;

export type VendorClauseBucketRow = { bucket: string; vendor: string; ref: string; items: number; events: number };

export type LegalReport = {
  filters: ReportFilters;
  scope: Omit<ResolvedScope, "scope">;
  ageing: AgeingRow[];
  vendorClauseSeries: VendorClauseBucketRow[];
  vendors: string[];
  exposure: VendorExposureRow[];
  contaminated: ContaminatedRow[];
  contributionsByStatus: Record<string, number>;
};

/** The legal report: queue ageing (now), and over the window violations, exposure and contaminated contributions. */
export async function loadLegalReport(person: Person, filters: ReportFilters, now = new Date()): Promise<LegalReport> {
  const { scope, ...scopeInfo } = await resolveReportScope(person, filters.team);
  const window = { from: filters.from, to: filters.to, scope };
  const [ages, clauseRows, exposure, contributions] = await Promise.all([loadOpenQueueAges(now), loadViolationsByClause(window), loadVendorExposure(window), loadContributions(scope)]);
  const series = new Map<string, VendorClauseBucketRow>();
  for (const r of clauseRows) {
    const bucket = bucketStart(r.day, filters.grain);
    const key = `${bucket}|${r.vendor}|${r.ref}`;
    const row = series.get(key) ?? { bucket, vendor: r.vendor, ref: r.ref, items: 0, events: 0 };
    row.items += r.items;
    row.events += r.events;
    series.set(key, row);
  }
  return {
    filters,
    scope: scopeInfo,
    ageing: queueAgeing(ages, [...REVIEW_TYPES]),
    vendorClauseSeries: [...series.values()],
    vendors: [...new Set(clauseRows.map((r) => r.vendor))].sort(),
    exposure,
    contaminated: contributions.rows,
    contributionsByStatus: contributions.byStatus,
  };
}

export const LEGAL_TABLE_IDS = ["queue-ageing", "violations-by-vendor-clause", "vendor-exposure", "contaminated-contributions"] as const;
export type LegalTableId = (typeof LEGAL_TABLE_IDS)[number];

export function legalReportTables(r: LegalReport): Record<LegalTableId, ReportTable> {
  const totalTokens = r.exposure.reduce((a, e) => a + e.tokens, 0);
  return {
    "queue-ageing": {
      id: "queue-ageing",
      title: "Open review items by age",
      columns: [{ key: "band", header: "Waiting" }, ...REVIEW_TYPES.map((t) => ({ key: t, header: t.replace(/_/g, " "), numeric: true })), { key: "total", header: "Total", numeric: true }],
      rows: r.ageing.map((a) => ({ band: a.band, ...a.values, total: a.total })),
    },
    "violations-by-vendor-clause": {
      id: "violations-by-vendor-clause",
      title: "Violations by vendor and clause",
      columns: [
        { key: "bucket", header: `${r.filters.grain} starting` },
        { key: "vendor", header: "Vendor" },
        { key: "ref", header: "Clause" },
        { key: "items", header: "Review items", numeric: true },
        { key: "events", header: "Events", numeric: true },
      ],
      rows: r.vendorClauseSeries.map((s) => ({ bucket: s.bucket, vendor: s.vendor, ref: s.ref, items: whole(s.items), events: whole(s.events) })),
    },
    "vendor-exposure": {
      id: "vendor-exposure",
      title: "Exposure per vendor",
      columns: [
        { key: "vendor", header: "Vendor" },
        { key: "items", header: "Review items", numeric: true },
        { key: "events", header: "Violating events", numeric: true },
        { key: "tokens", header: "Tokens", numeric: true },
        { key: "share", header: "Share of tokens %", numeric: true },
        { key: "costUsd", header: "Spend (USD)", numeric: true },
      ],
      rows: r.exposure.map((e) => ({ vendor: e.vendor, items: whole(e.items), events: whole(e.events), tokens: whole(e.tokens), share: pct(totalTokens ? e.tokens / totalTokens : null), costUsd: usd(e.costUsd) })),
    },
    "contaminated-contributions": {
      id: "contaminated-contributions",
      title: "Contaminated contributions",
      columns: [
        { key: "author", header: "Author" },
        { key: "project", header: "Project" },
        { key: "artifactRef", header: "Artifact" },
        { key: "window", header: "Authoring window" },
        { key: "evidence", header: "Evidence events", numeric: true },
        { key: "checkedAt", header: "Checked" },
      ],
      rows: r.contaminated.map((c) => ({
        author: c.author,
        project: c.project,
        artifactRef: c.artifactRef,
        window: `${c.windowStart.toISOString().slice(0, 10)} – ${c.windowEnd.toISOString().slice(0, 10)}`,
        evidence: c.evidenceEventCount,
        checkedAt: c.checkedAt ? c.checkedAt.toISOString().slice(0, 10) : null,
      })),
    },
  };
}
