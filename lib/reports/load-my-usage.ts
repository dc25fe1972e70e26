import "server-only";
import { readCapUsage } from "@/lib/caps/cap-usage";
import { prisma } from "@/lib/db/client";
import type { Person } from "@/lib/auth/authorize";
import { linearForecast, projectCapBreach, type CapBreach } from "./forecast";
import { currentPeriod, type PeriodInfo } from "./load-org-report";
import { loadPeopleWithCaps } from "./load-monthly-caps";
import { usd, whole, type ReportTable } from "./report-table";
import { pivotByBucket, type BucketRow } from "./time-buckets";
import { loadDailyToolUsage, loadTools, loadTopPeopleAndProjects, type ToolInfo } from "./usage-queries";

export type GrantRow = { id: string; tool: string; activity: string; project: string | null; validFrom: Date; validTo: Date; revokedAt: Date | null; state: "active" | "upcoming" | "expired" | "revoked"; capOverrideTokens: number | null };

export type MyUsage = {
  period: PeriodInfo;
  /** external tools' tokens this period: what counts toward the monthly cap */
  used: number;
  /** the monthly cap on external tools */
  cap: number;
  /** the in-house tools' tokens this period, never counted toward `cap` */
  inHouseUsed: number;
  /** the separate in-house cap, null when none is set */
  inHouseCap: number | null;
  trendForecast: number;
  breach: CapBreach;
  tools: ToolInfo[];
  daily: BucketRow[];
  byTool: { tool: string; name: string; kind: string; tokens: number; costUsd: number; events: number }[];
  byProject: { project: string; tokens: number; costUsd: number }[];
  grants: GrantRow[];
};

/** The signed-in person's own usage this cap period, forecast and grants. Only ever their own id. */
export async function loadMyUsage(person: Person, now = new Date()): Promise<MyUsage> {
  const period = currentPeriod(now);
  const scope = { kind: "users" as const, userIds: [person.id] };
  const window = { from: period.start, to: period.today, scope };
  const [counters, [me], tools, daily, projects, grants] = await Promise.all([
    readCapUsage(person.id, period.period),
    loadPeopleWithCaps(scope),
    loadTools(),
    loadDailyToolUsage(window),
    loadTopPeopleAndProjects(window, 50).then((top) => top.projects),
    prisma.grant.findMany({
      where: { userId: person.id },
      select: { id: true, validFrom: true, validTo: true, revokedAt: true, capOverrideTokens: true, tool: { select: { name: true } }, activity: { select: { name: true } }, project: { select: { key: true } } },
      orderBy: { validTo: "desc" },
    }),
  ]);
  const used = counters.external.used;
  const cap = me?.cap ?? 0;
  const slugOf = new Map(tools.map((t) => [t.id, t.slug]));
  const externalSlugs = tools.filter((t) => t.kind === "external").map((t) => t.slug);
  const dailyRows = pivotByBucket(daily.map((d) => ({ day: d.day, series: slugOf.get(d.toolId) ?? d.toolId, value: d.tokens })), period.start, period.today, "day", tools.map((t) => t.slug));
  const byTool = tools
    .map((t) => {
      const rows = daily.filter((d) => d.toolId === t.id);
      return { tool: t.slug, name: t.name, kind: t.kind, tokens: rows.reduce((a, d) => a + d.tokens, 0), costUsd: rows.reduce((a, d) => a + d.costUsd, 0), events: rows.reduce((a, d) => a + d.events, 0) };
    })
    .filter((t) => t.events > 0 || t.tokens > 0);
  return {
    period,
    used,
    cap,
    inHouseUsed: counters.inHouse.used,
    inHouseCap: me?.inHouseCap ?? null,
    // The cap counts external tools only, so its forecast does too.
    trendForecast: linearForecast(dailyRows.map((d) => externalSlugs.reduce((a, slug) => a + (d.values[slug] ?? 0), 0)), period.daysInPeriod),
    breach: projectCapBreach({ used, cap, periodStart: period.start, today: period.today, daysElapsed: period.daysElapsed, daysInPeriod: period.daysInPeriod }),
    tools,
    daily: dailyRows,
    byTool,
    byProject: projects.map((p) => ({ project: p.projectId ? (p.key ?? p.projectId) : "(no project)", tokens: p.tokens, costUsd: p.costUsd })),
    grants: grants.map((g) => ({
      id: g.id,
      tool: g.tool.name,
      activity: g.activity.name,
      project: g.project?.key ?? null,
      validFrom: g.validFrom,
      validTo: g.validTo,
      revokedAt: g.revokedAt,
      state: g.revokedAt ? "revoked" : g.validTo <= now ? "expired" : g.validFrom > now ? "upcoming" : "active",
      capOverrideTokens: g.capOverrideTokens === null ? null : Number(g.capOverrideTokens),
    })),
  };
}

export const USAGE_TABLE_IDS = ["by-tool", "by-project", "daily"] as const;
export type UsageTableId = (typeof USAGE_TABLE_IDS)[number];

export function myUsageTables(u: MyUsage): Record<UsageTableId, ReportTable> {
  return {
    "by-tool": {
      id: "by-tool",
      title: `By tool, ${u.period.period}`,
      columns: [
        { key: "tool", header: "Tool" },
        { key: "kind", header: "Kind" },
        { key: "tokens", header: "Tokens", numeric: true },
        { key: "costUsd", header: "Spend (USD)", numeric: true },
        { key: "events", header: "Events", numeric: true },
      ],
      rows: u.byTool.map((t) => ({ tool: t.name, kind: t.kind, tokens: whole(t.tokens), costUsd: usd(t.costUsd), events: whole(t.events) })),
    },
    "by-project": {
      id: "by-project",
      title: `By project, ${u.period.period}`,
      columns: [
        { key: "project", header: "Project" },
        { key: "tokens", header: "Tokens", numeric: true },
        { key: "costUsd", header: "Spend (USD)", numeric: true },
      ],
      rows: u.byProject.map((p) => ({ project: p.project, tokens: whole(p.tokens), costUsd: usd(p.costUsd) })),
    },
    daily: {
      id: "daily",
      title: `Tokens per day, ${u.period.period}`,
      columns: [{ key: "bucket", header: "Day" }, ...u.tools.map((t) => ({ key: t.slug, header: t.name, numeric: true })), { key: "total", header: "Total", numeric: true }],
      rows: u.daily.map((d) => ({ bucket: d.bucket, ...Object.fromEntries(u.tools.map((t) => [t.slug, whole(d.values[t.slug] ?? 0)])), total: whole(d.total) })),
    },
  };
}
