import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { scopeFilter, type ReportScope } from "./report-scope";
import { addDays, nextMonthStart, splitByWholeMonths, type Grain } from "@/lib/calendar";
import { DAILY_ROLLUP } from "@/lib/usage/daily-rollup";

// Aggregations over the usage rollups (both daily tables, and UsageMonthly for whole months). Every filter is a bound parameter; the only raw
// SQL fragments are column names chosen here. Days are closed ranges of calendar days.
export type ReportWindow = { from: string; to: string; scope: ReportScope };

const MEASURES = Prisma.raw(`"userId", "toolId", "projectId", "inputTokens", "outputTokens", "costUsd", "events", "violations"`);

/** The daily rollup rows of [from, to] in scope, as a SELECT of "day", person, tool, project and the measures. */
function dailyRows(from: string, to: string, scope: ReportScope): Prisma.Sql {
  return Prisma.sql`SELECT "day", ${MEASURES} FROM ${DAILY_ROLLUP} d WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}`;
}

/**
 * The window's rollup rows as one derived table ("day", person, tool, project and the measures): the whole
 * calendar months from UsageMonthly (with their days still in UsageDailyRecent), dated the 1st, and the days at
 * either edge from both daily tables. A 90-day
 * window reads about a third of the rows, a year a tenth. Only for sums that need no finer date than the month.
 */
function rollupRows({ from, to, scope }: ReportWindow): Prisma.Sql {
  const { months, days } = splitByWholeMonths(from, to);
  // One part per range (not an OR): each is a single range of the (userId, day) covering index per person.
  const parts = days.map((d) => dailyRows(d.from, d.to, scope));
  if (months) {
    parts.push(Prisma.sql`SELECT "month" AS "day", ${MEASURES} FROM "UsageMonthly" WHERE "month" BETWEEN ${months.from}::date AND ${months.to}::date ${scopeFilter(scope, '"userId"')}`);
    // Days of those months not folded into UsageMonthly yet (today's, and late events), dated the 1st like them.
    const lastDay = addDays(nextMonthStart(months.to), -1);
    parts.push(
      Prisma.sql`SELECT date_trunc('month', "day")::date AS "day", ${MEASURES} FROM "UsageDailyRecent" WHERE "day" BETWEEN ${months.from}::date AND ${lastDay}::date ${scopeFilter(scope, '"userId"')}`,
    );
  }
  return Prisma.sql`(${parts.length ? Prisma.join(parts, " UNION ALL ") : dailyRows(from, to, scope)})`;
}

export type DailyToolRow = { day: string; toolId: string; tokens: number; costUsd: number; events: number; violations: number };

/**
 * Tokens, spend, events and violations per day and tool. For a chart by month, whole months come from the
 * monthly rollups as one row dated the 1st, which lands in the same bucket.
 */
export async function loadDailyToolUsage(window: ReportWindow, grain: Grain = "day"): Promise<DailyToolRow[]> {
  const { from, to, scope } = window;
  const source = grain === "month" ? rollupRows(window) : Prisma.sql`(${dailyRows(from, to, scope)})`;
  return prisma.$queryRaw<DailyToolRow[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", "toolId",
           SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
           SUM("events")::float8 AS "events", SUM("violations")::float8 AS "violations"
    FROM ${source} r
    GROUP BY "day", "toolId"
    ORDER BY "day", "toolId"`;
}

export type TopPersonRow = { userId: string; name: string; email: string; tokens: number; costUsd: number; events: number; violations: number };
export type TopProjectRow = { projectId: string; key: string | null; name: string | null; tokens: number; costUsd: number; people: number; violations: number };

/**
 * The people and the projects with the most tokens in the window, from one pass over the rollups: rows are
 * summed per project and person first, so "people per project" is a row count rather than a COUNT(DISTINCT),
 * which PostgreSQL can only do by sorting every row in the window. projectId "" is usage without a project.
 */
export async function loadTopPeopleAndProjects(window: ReportWindow, limit = 10): Promise<{ people: TopPersonRow[]; projects: TopProjectRow[] }> {
  const [row] = await prisma.$queryRaw<{ people: TopPersonRow[] | null; projects: TopProjectRow[] | null }[]>`
    WITH pu AS MATERIALIZED (
      SELECT "projectId", "userId", SUM("inputTokens" + "outputTokens") AS "tokens", SUM("costUsd") AS "costUsd",
             SUM("events") AS "events", SUM("violations") AS "violations"
      FROM ${rollupRows(window)} r
      GROUP BY "projectId", "userId"
    ),
    people AS (
      SELECT "userId", SUM("tokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
             SUM("events")::float8 AS "events", SUM("violations")::float8 AS "violations"
      FROM pu GROUP BY "userId" ORDER BY "tokens" DESC, "userId" LIMIT ${limit}
    ),
    projects AS (
      SELECT "projectId", SUM("tokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd",
             COUNT(*)::float8 AS "people", SUM("violations")::float8 AS "violations"
      FROM pu GROUP BY "projectId" ORDER BY "tokens" DESC, "projectId" LIMIT ${limit}
    )
    SELECT
      (SELECT json_agg(json_build_object('userId', d."userId", 'name', u."name", 'email', u."email", 'tokens', d."tokens",
                'costUsd', d."costUsd", 'events', d."events", 'violations', d."violations") ORDER BY d."tokens" DESC, d."userId")
         FROM people d JOIN "User" u ON u."id" = d."userId") AS "people",
      (SELECT json_agg(json_build_object('projectId', d."projectId", 'key', p."key", 'name', p."name", 'tokens', d."tokens",
                'costUsd', d."costUsd", 'people', d."people", 'violations', d."violations") ORDER BY d."tokens" DESC, d."projectId")
         FROM projects d LEFT JOIN "Project" p ON p."id" = d."projectId") AS "projects"`;
  return { people: row?.people ?? [], projects: row?.projects ?? [] };
}

export type DailyTeamSpendRow = { day: string; teamId: string; costUsd: number; tokens: number };

/** Spend per team (the team recorded on the rollup) and day. */
export async function loadDailyTeamSpend({ from, to, scope }: ReportWindow): Promise<DailyTeamSpendRow[]> {
  return prisma.$queryRaw<DailyTeamSpendRow[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", COALESCE("teamId", '') AS "teamId",
           SUM("costUsd")::float8 AS "costUsd", SUM("inputTokens" + "outputTokens")::float8 AS "tokens"
    FROM ${DAILY_ROLLUP} d
    WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
    GROUP BY "day", "teamId"
    ORDER BY "day"`;
}

export type ToolInfo = { id: string; slug: string; name: string; kind: "external" | "internal"; vendor: string };

export async function loadTools(): Promise<ToolInfo[]> {
  const tools = await prisma.tool.findMany({ select: { id: true, slug: true, name: true, kind: true, vendor: { select: { name: true } } }, orderBy: [{ kind: "desc" }, { name: "asc" }] });
  return tools.map((t) => ({ id: t.id, slug: t.slug, name: t.name, kind: t.kind, vendor: t.vendor.name }));
}
