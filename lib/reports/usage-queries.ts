import "server-only";
import { prisma } from "@/lib/db";
import { scopeFilter, type ReportScope } from "./report-scope";

// Aggregations over the daily rollups (UsageDaily). Every filter is a bound parameter; the only raw
// SQL fragments are column names chosen here. Days are closed ranges of calendar days.
export type ReportWindow = { from: string; to: string; scope: ReportScope };

export type DailyToolRow = { day: string; toolId: string; tokens: number; costUsd: number; events: number; violations: number };

/** Tokens, spend, events and violations per day and tool. */
export async function loadDailyToolUsage({ from, to, scope }: ReportWindow): Promise<DailyToolRow[]> {
  return prisma.$queryRaw<DailyToolRow[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", "toolId",
           SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
           SUM("events")::float8 AS "events", SUM("violations")::float8 AS "violations"
    FROM "UsageDaily"
    WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
    GROUP BY "day", "toolId"
    ORDER BY "day", "toolId"`;
}

export type TopPersonRow = { userId: string; name: string; email: string; tokens: number; costUsd: number; events: number; violations: number };

/** The people who used the most tokens in the window. */
export async function loadTopPeople({ from, to, scope }: ReportWindow, limit = 10): Promise<TopPersonRow[]> {
  return prisma.$queryRaw<TopPersonRow[]>`
    SELECT d."userId", u."name", u."email", d."tokens", d."costUsd", d."events", d."violations"
    FROM (
      SELECT "userId", SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
             SUM("events")::float8 AS "events", SUM("violations")::float8 AS "violations"
      FROM "UsageDaily"
      WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
      GROUP BY "userId"
      ORDER BY "tokens" DESC, "userId"
      LIMIT ${limit}
    ) d JOIN "User" u ON u."id" = d."userId"
    ORDER BY d."tokens" DESC, d."userId"`;
}

export type TopProjectRow = { projectId: string; key: string | null; name: string | null; tokens: number; costUsd: number; people: number; violations: number };

/** The projects with the most tokens in the window; projectId "" is usage without a project. */
export async function loadTopProjects({ from, to, scope }: ReportWindow, limit = 10): Promise<TopProjectRow[]> {
  return prisma.$queryRaw<TopProjectRow[]>`
    SELECT d."projectId", p."key", p."name", d."tokens", d."costUsd", d."people", d."violations"
    FROM (
      SELECT "projectId", SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
             COUNT(DISTINCT "userId")::float8 AS "people", SUM("violations")::float8 AS "violations"
      FROM "UsageDaily"
      WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
      GROUP BY "projectId"
      ORDER BY "tokens" DESC, "projectId"
      LIMIT ${limit}
    ) d LEFT JOIN "Project" p ON p."id" = d."projectId"
    ORDER BY d."tokens" DESC, d."projectId"`;
}

export type DailyTeamSpendRow = { day: string; teamId: string; costUsd: number; tokens: number };

/** Spend per team (the team recorded on the rollup) and day. */
export async function loadDailyTeamSpend({ from, to, scope }: ReportWindow): Promise<DailyTeamSpendRow[]> {
  return prisma.$queryRaw<DailyTeamSpendRow[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", COALESCE("teamId", '') AS "teamId",
           SUM("costUsd")::float8 AS "costUsd", SUM("inputTokens" + "outputTokens")::float8 AS "tokens"
    FROM "UsageDaily"
    WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
    GROUP BY "day", "teamId"
    ORDER BY "day"`;
}

/** Tokens each person in scope used in a cap period (CapUsage, kept by ingestion). */
export async function loadCapUsage(scope: ReportScope, period: string): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ userId: string; used: number }[]>`
    SELECT "userId", "usedTokens"::float8 AS "used" FROM "CapUsage"
    WHERE "period" = ${period} ${scopeFilter(scope, '"userId"')}`;
  return new Map(rows.map((r) => [r.userId, r.used]));
}

export type ToolInfo = { id: string; slug: string; name: string; kind: "external" | "internal"; vendor: string };

export async function loadTools(): Promise<ToolInfo[]> {
  const tools = await prisma.tool.findMany({ select: { id: true, slug: true, name: true, kind: true, vendor: { select: { name: true } } }, orderBy: [{ kind: "desc" }, { name: "asc" }] });
  return tools.map((t) => ({ id: t.id, slug: t.slug, name: t.name, kind: t.kind, vendor: t.vendor.name }));
}
