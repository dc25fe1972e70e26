import "server-only";
import { counterKey, readCapCounters } from "@/lib/caps/cap-usage";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod, localDay } from "@/lib/calendar";
import type { Person } from "@/lib/auth/authorize";
import type { ReportFilters } from "@/lib/validation/report";
import { linearForecast, projectCapBreach, runRateForecast, type CapBreach } from "./forecast";
import { loadPeopleWithCaps } from "./load-monthly-caps";
import { resolveReportScope, type ResolvedScope } from "./report-scope";
import { loadExceptionRows, loadViolationsByClause } from "./review-queries";
import { inHouseShare, medianHoursToDecision, utilizationHistogram, type InHouseShareRow } from "./shares";
import { pivotByBucket, type BucketRow } from "./time-buckets";
import { loadBilledCost } from "./billed-cost";
import { loadExternalVsInHouse } from "./load-external-vs-in-house";
import type { MonthlyMixRow } from "./external-vs-in-house";
import { daysInclusive } from "@/lib/calendar";
import { loadDailyTeamSpend, loadDailyToolUsage, loadTools, loadTopPeopleAndProjects, type ToolInfo, type TopPersonRow, type TopProjectRow } from "./usage-queries";

/** The spend series for vendor bills of days on which Guardrail saw none of that vendor's usage (whole company only). */
export const BILLED_UNSEEN_SERIES = "vendor-billed-unseen";

export type PeriodInfo = { period: string; start: string; today: string; daysElapsed: number; daysInPeriod: number };
/** `used` and `cap` are the external-tools (monthly) cap's; in-house tokens are shown beside them and never count. */
export type CapPersonRow = { userId: string; name: string; email: string; used: number; cap: number; inHouseUsed: number; inHouseCap: number | null } & CapBreach;
export type TeamForecastRow = { teamId: string; team: string; spent: number; runRate: number; forecast: number };
export type ClauseTotalRow = { clauseId: string; ref: string; vendor: string; summary: string; items: number; events: number };
export type ExceptionStats = { opened: number; approved: number; rejected: number; pending: number; withdrawn: number; medianHours: number | null; byBucket: { bucket: string; opened: number; approved: number; rejected: number }[] };

export type OrgReport = {
  filters: ReportFilters;
  scope: Omit<ResolvedScope, "scope">;
  period: PeriodInfo;
  tools: ToolInfo[];
  tokensByTool: BucketRow[];
  /** spend per tool, vendor-billed where a cost report covers the day (series BILLED_UNSEEN_SERIES: bills for usage Guardrail never saw) */
  spendByTool: BucketRow[];
  /** per bucket, how much of the spend is vendor-billed (series "billed"); the rest is the price-list estimate */
  spendBilled: BucketRow[];
  hasUnseenBills: boolean;
  externalVsInHouse: MonthlyMixRow[];
  inHouse: InHouseShareRow[];
  totals: { tokens: number; costUsd: number; billedUsd: number; events: number; violations: number; people: number };
  capPeople: CapPersonRow[];
  capHistogram: { label: string; people: number }[];
  topPeople: TopPersonRow[];
  topProjects: TopProjectRow[];
  exceptions: ExceptionStats;
  violationsByClause: ClauseTotalRow[];
  teamForecast: TeamForecastRow[];
};

/** The current cap period as calendar days, in the company time zone. */
export function currentPeriod(now: Date): PeriodInfo {
  const period = capPeriod(now, env.COMPANY_TIME_ZONE);
  const today = localDay(now, env.COMPANY_TIME_ZONE);
  const start = `${period}-01`;
  const [y, m] = period.split("-").map(Number);
  const daysInPeriod = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { period, start, today, daysElapsed: daysInclusive(start, today), daysInPeriod };
}

function exceptionStats(rows: Awaited<ReturnType<typeof loadExceptionRows>>, filters: ReportFilters): ExceptionStats {
  const count = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).length;
  const pivot = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).map((r) => ({ day: r.createdDay, series: "n", value: 1 }));
  const opened = pivotByBucket(pivot(rows.map((r) => r.status)), filters.from, filters.to, filters.grain, ["n"]);
  const approved = pivotByBucket(pivot(["approved", "expired", "revoked"]), filters.from, filters.to, filters.grain, ["n"]);
  const rejected = pivotByBucket(pivot(["rejected"]), filters.from, filters.to, filters.grain, ["n"]);
  return {
    opened: rows.length,
    // expired and revoked requests were approved first
    approved: count("approved", "expired", "revoked"),
    rejected: count("rejected"),
    pending: count("pending_manager", "pending_legal"),
    withdrawn: count("withdrawn"),
    medianHours: medianHoursToDecision(rows),
    byBucket: opened.map((o, i) => ({ bucket: o.bucket, opened: o.total, approved: approved[i].total, rejected: rejected[i].total })),
  };
}

/** Everything the org report shows, for the person's scope and the URL's filters. */
export async function loadOrgReport(person: Person, filters: ReportFilters, now = new Date()): Promise<OrgReport> {
  const resolved = await resolveReportScope(person, filters.team);
  const { scope, ...scopeInfo } = resolved;
  const window = { from: filters.from, to: filters.to, scope };
  const period = currentPeriod(now);
  const [daily, tools, top, teamSpend, people, exceptionRows, clauseRows, teams, billed, externalVsInHouse] = await Promise.all([
    loadDailyToolUsage(window, filters.grain),
    loadTools(),
    loadTopPeopleAndProjects(window),
    loadDailyTeamSpend({ from: period.start, to: period.today, scope }),
    loadPeopleWithCaps(scope),
    loadExceptionRows(window),
    loadViolationsByClause(window),
    prisma.team.findMany({ select: { id: true, name: true } }),
    loadBilledCost(window),
    loadExternalVsInHouse(scope, filters.to),
  ]);

  const slugOf = new Map(tools.map((t) => [t.id, t.slug]));
  const slugs = tools.map((t) => t.slug);
  const tokensByTool = pivotByBucket(daily.map((d) => ({ day: d.day, series: slugOf.get(d.toolId) ?? d.toolId, value: d.tokens })), filters.from, filters.to, filters.grain, slugs);
  // Vendor-billed cost replaces the estimate of the (day, tool) rows a cost report covers: add bill − estimate.
  const spendPoints = [
    ...daily.map((d) => ({ day: d.day, series: slugOf.get(d.toolId) ?? d.toolId, value: d.costUsd })),
    ...billed.toolDays.map((b) => ({ day: b.day, series: slugOf.get(b.toolId) ?? b.toolId, value: b.billedUsd - b.estimatedUsd })),
    ...billed.unseen.map((u) => ({ day: u.day, series: BILLED_UNSEEN_SERIES, value: u.billedUsd })),
  ];
  const hasUnseenBills = billed.unseen.length > 0;
  const spendByTool = pivotByBucket(spendPoints, filters.from, filters.to, filters.grain, hasUnseenBills ? [...slugs, BILLED_UNSEEN_SERIES] : slugs);
  const billedPoints = [...billed.toolDays.map((b) => ({ day: b.day, series: "billed", value: b.billedUsd })), ...billed.unseen.map((u) => ({ day: u.day, series: "billed", value: u.billedUsd }))];
  const spendBilled = pivotByBucket(billedPoints, filters.from, filters.to, filters.grain, ["billed"]);
  const sum = (k: "tokens" | "costUsd" | "events" | "violations") => daily.reduce((a, d) => a + d[k], 0);
  const billedUsd = billedPoints.reduce((a, p) => a + p.value, 0);
  const costUsd = spendPoints.reduce((a, p) => a + p.value, 0);

  const counters = await readCapCounters({ userIds: people.map((p) => p.id), period: period.period });
  const capPeople: CapPersonRow[] = people
    .map((p) => {
      const c = counters.get(counterKey(p.id, period.period));
      const used = c?.external.used ?? 0;
      return { userId: p.id, name: p.name, email: p.email, used, cap: p.cap, inHouseUsed: c?.inHouse.used ?? 0, inHouseCap: p.inHouseCap, ...projectCapBreach({ used, cap: p.cap, periodStart: period.start, today: period.today, daysElapsed: period.daysElapsed, daysInPeriod: period.daysInPeriod }) };
    })
    .sort((a, b) => b.utilization - a.utilization || a.name.localeCompare(b.name));

  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const byTeam = new Map<string, number[]>();
  for (const r of teamSpend) {
    const series = byTeam.get(r.teamId) ?? new Array<number>(period.daysElapsed).fill(0);
    series[daysInclusive(period.start, r.day) - 1] += r.costUsd;
    byTeam.set(r.teamId, series);
  }
  const teamForecast = [...byTeam.entries()]
    .map(([teamId, series]) => {
      const spent = series.reduce((a, b) => a + b, 0);
      return { teamId, team: teamName.get(teamId) ?? "No team", spent, runRate: runRateForecast(spent, period), forecast: linearForecast(series, period.daysInPeriod) };
    })
    .sort((a, b) => b.forecast - a.forecast);

  const clauseTotals = new Map<string, ClauseTotalRow>();
  for (const r of clauseRows) {
    const row = clauseTotals.get(r.clauseId) ?? { clauseId: r.clauseId, ref: r.ref, vendor: r.vendor, summary: r.summary, items: 0, events: 0 };
    row.items += r.items;
    row.events += r.events;
    clauseTotals.set(r.clauseId, row);
  }

  return {
    filters,
    scope: scopeInfo,
    period,
    tools,
    tokensByTool,
    spendByTool,
    spendBilled,
    hasUnseenBills,
    externalVsInHouse,
    inHouse: inHouseShare(tokensByTool, new Set(tools.filter((t) => t.kind === "internal").map((t) => t.slug))),
    totals: { tokens: sum("tokens"), costUsd, billedUsd, events: sum("events"), violations: sum("violations"), people: people.length },
    capPeople,
    capHistogram: utilizationHistogram(capPeople.map((p) => p.utilization)),
    topPeople: top.people,
    topProjects: top.projects,
    exceptions: exceptionStats(exceptionRows, filters),
    violationsByClause: [...clauseTotals.values()].sort((a, b) => b.items - a.items),
    teamForecast,
  };
}
