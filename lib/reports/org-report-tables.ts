import { BILLED_UNSEEN_SERIES, type OrgReport } from "./load-org-report";
import { pct, usd, whole, type ReportTable } from "./report-table";

export const ORG_TABLE_IDS = ["tokens-by-tool", "spend-by-tool", "in-house-share", "cap-utilization", "cap-people", "top-people", "top-projects", "exceptions", "violations-by-clause", "team-forecast", "cap-breaches", "external-vs-in-house"] as const;
export type OrgTableId = (typeof ORG_TABLE_IDS)[number];

/** Every table of the org report, built from the loaded report (the page and the CSV share these). */
export function orgReportTables(r: OrgReport): Record<OrgTableId, ReportTable> {
  const toolCols = r.tools.map((t) => ({ key: t.slug, header: t.name, numeric: true }));
  const byTool = (id: OrgTableId, title: string, rows: OrgReport["tokensByTool"], fmt: (n: number) => number): ReportTable => ({
    id,
    title,
    columns: [{ key: "bucket", header: `${r.filters.grain} starting` }, ...toolCols, { key: "total", header: "Total", numeric: true }],
    rows: rows.map((b) => ({ bucket: b.bucket, ...Object.fromEntries(r.tools.map((t) => [t.slug, fmt(b.values[t.slug] ?? 0)])), total: fmt(b.total) })),
  });
  const capCols = [
    { key: "name", header: "Person" },
    { key: "email", header: "Email" },
    { key: "used", header: "External tokens used", numeric: true },
    { key: "cap", header: "External-tools cap", numeric: true },
    { key: "utilization", header: "Used %", numeric: true },
    { key: "projected", header: "Projected tokens", numeric: true },
    { key: "projectedUtilization", header: "Projected %", numeric: true },
    { key: "breachDay", header: "Projected breach day" },
    { key: "inHouseUsed", header: "In-house tokens (not counted)", numeric: true },
    { key: "inHouseCap", header: "In-house cap" },
  ];
  const capRow = (p: OrgReport["capPeople"][number]) => ({
    name: p.name,
    email: p.email,
    used: whole(p.used),
    cap: whole(p.cap),
    utilization: pct(p.utilization),
    projected: whole(p.projected),
    projectedUtilization: pct(p.projectedUtilization),
    breachDay: p.breachDay,
    inHouseUsed: whole(p.inHouseUsed),
    inHouseCap: p.inHouseCap === null ? "none" : whole(p.inHouseCap),
  });
  return {
    "tokens-by-tool": byTool("tokens-by-tool", "Tokens by tool", r.tokensByTool, whole),
    "spend-by-tool": spendByTool(r, byTool("spend-by-tool", "Spend by tool (USD)", r.spendByTool, usd)),
    "external-vs-in-house": {
      id: "external-vs-in-house",
      title: "External versus in-house spend, month over month",
      columns: [
        { key: "month", header: "Month" },
        { key: "externalUsd", header: "External spend (USD)", numeric: true },
        { key: "externalBilledUsd", header: "of which vendor-billed (USD)", numeric: true },
        { key: "inHouseUsd", header: "In-house spend (USD, estimated)", numeric: true },
        { key: "inHouseSpendShare", header: "In-house share of spend %", numeric: true },
        { key: "inHouseTokenShare", header: "In-house share of tokens %", numeric: true },
        { key: "externalChange", header: "External spend vs previous month %", numeric: true },
        { key: "shareChangePoints", header: "In-house share vs previous month (points)", numeric: true },
      ],
      rows: r.externalVsInHouse.map((m) => ({
        month: m.month,
        externalUsd: usd(m.externalUsd),
        externalBilledUsd: usd(m.externalBilledUsd),
        inHouseUsd: usd(m.inHouseUsd),
        inHouseSpendShare: pct(m.inHouseSpendShare),
        inHouseTokenShare: pct(m.inHouseTokenShare),
        externalChange: pct(m.externalChange),
        shareChangePoints: m.shareChangePoints === null ? null : Math.round(m.shareChangePoints * 10) / 10,
      })),
    },
    "in-house-share": {
      id: "in-house-share",
      title: "In-house versus external tokens",
      columns: [
        { key: "bucket", header: `${r.filters.grain} starting` },
        { key: "internal", header: "In-house tokens", numeric: true },
        { key: "external", header: "External tokens", numeric: true },
        { key: "share", header: "In-house %", numeric: true },
      ],
      rows: r.inHouse.map((b) => ({ bucket: b.bucket, internal: whole(b.internal), external: whole(b.external), share: pct(b.internalShare) })),
    },
    "cap-utilization": {
      id: "cap-utilization",
      title: `External-tools cap utilization, ${r.period.period}`,
      columns: [
        { key: "band", header: "Used of cap" },
        { key: "people", header: "People", numeric: true },
      ],
      rows: r.capHistogram.map((b) => ({ band: b.label, people: b.people })),
    },
    "cap-people": { id: "cap-people", title: `People at or over 80% of their external-tools cap, ${r.period.period}`, columns: capCols, rows: r.capPeople.filter((p) => p.utilization >= 0.8).map(capRow) },
    "cap-breaches": { id: "cap-breaches", title: `Projected cap breaches by ${r.period.period} end`, columns: capCols, rows: r.capPeople.filter((p) => p.breachDay).sort((a, b) => (a.breachDay ?? "").localeCompare(b.breachDay ?? "")).map(capRow) },
    "top-people": {
      id: "top-people",
      title: "Top people",
      columns: [
        { key: "name", header: "Person" },
        { key: "email", header: "Email" },
        { key: "tokens", header: "Tokens", numeric: true },
        { key: "costUsd", header: "Spend (USD)", numeric: true },
        { key: "events", header: "Events", numeric: true },
        { key: "violations", header: "Violations", numeric: true },
      ],
      rows: r.topPeople.map((p) => ({ name: p.name, email: p.email, tokens: whole(p.tokens), costUsd: usd(p.costUsd), events: whole(p.events), violations: whole(p.violations) })),
    },
    "top-projects": {
      id: "top-projects",
      title: "Top projects",
      columns: [
        { key: "project", header: "Project" },
        { key: "tokens", header: "Tokens", numeric: true },
        { key: "costUsd", header: "Spend (USD)", numeric: true },
        { key: "people", header: "People", numeric: true },
        { key: "violations", header: "Violations", numeric: true },
      ],
      rows: r.topProjects.map((p) => ({ project: p.projectId ? (p.key ?? p.projectId) : "(no project)", tokens: whole(p.tokens), costUsd: usd(p.costUsd), people: whole(p.people), violations: whole(p.violations) })),
    },
    exceptions: {
      id: "exceptions",
      title: "Exception requests",
      columns: [
        { key: "bucket", header: `${r.filters.grain} starting` },
        { key: "opened", header: "Opened", numeric: true },
        { key: "approved", header: "Approved", numeric: true },
        { key: "rejected", header: "Rejected", numeric: true },
      ],
      rows: r.exceptions.byBucket.map((b) => ({ ...b })),
    },
    "violations-by-clause": {
      id: "violations-by-clause",
      title: "Violations by clause",
      columns: [
        { key: "vendor", header: "Vendor" },
        { key: "ref", header: "Clause" },
        { key: "summary", header: "Summary" },
        { key: "items", header: "Review items", numeric: true },
        { key: "events", header: "Events", numeric: true },
      ],
      rows: r.violationsByClause.map((c) => ({ vendor: c.vendor, ref: c.ref, summary: c.summary, items: whole(c.items), events: whole(c.events) })),
    },
    "team-forecast": {
      id: "team-forecast",
      title: `Spend forecast to ${r.period.period} end`,
      columns: [
        { key: "team", header: "Team" },
        { key: "spent", header: "Spent so far (USD)", numeric: true },
        { key: "runRate", header: "Run-rate forecast (USD)", numeric: true },
        { key: "forecast", header: "Trend forecast (USD)", numeric: true },
      ],
      rows: r.teamForecast.map((t) => ({ team: t.team, spent: usd(t.spent), runRate: usd(t.runRate), forecast: usd(t.forecast) })),
    },
  };
}

/**
 * The spend table says which numbers are vendor-billed: per bucket, the billed part and the estimated rest, and a
 * column for bills of usage Guardrail never saw (whole company only) when there are any.
 */
function spendByTool(r: OrgReport, table: ReportTable): ReportTable {
  const billed = new Map(r.spendBilled.map((b) => [b.bucket, b.total]));
  const columns = [...table.columns];
  if (r.hasUnseenBills) columns.splice(columns.length - 1, 0, { key: BILLED_UNSEEN_SERIES, header: "Vendor-billed, not seen by Guardrail", numeric: true });
  columns.push({ key: "billed", header: "of which vendor-billed", numeric: true }, { key: "estimated", header: "of which estimated (price list)", numeric: true });
  return {
    ...table,
    columns,
    rows: table.rows.map((row, i) => {
      const bucket = r.spendByTool[i];
      const b = billed.get(bucket.bucket) ?? 0;
      return { ...row, ...(r.hasUnseenBills ? { [BILLED_UNSEEN_SERIES]: usd(bucket.values[BILLED_UNSEEN_SERIES] ?? 0) } : {}), billed: usd(b), estimated: usd(bucket.total - b) };
    }),
  };
}
