import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAILY_ROLLUP } from "./daily-rollup";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";
import { notFound } from "@/lib/errors";
import { loadPolicyState } from "@/lib/policy/policy-snapshot";
import type { UsageSummary, UsageSummaryQuery } from "@/lib/validation/read-api";

// Usage totals from the daily rollups (never from raw events), grouped by tool, person, team or day.

async function teamSubtree(teamRef: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE sub AS (
      SELECT "id" FROM "Team" WHERE "id" = ${teamRef} OR "slug" = ${teamRef}
      UNION
      SELECT t."id" FROM "Team" t JOIN sub ON t."parentId" = sub."id"
    )
    SELECT "id" FROM sub`;
  if (!rows.length) throw notFound(`Team "${teamRef}"`);
  return rows.map((r) => r.id);
}

export async function summarizeUsage(query: UsageSummaryQuery): Promise<UsageSummary> {
  const today = localDay(new Date(), env.COMPANY_TIME_ZONE);
  const from = query.from ?? `${today.slice(0, 7)}-01`;
  const to = query.to ?? today;
  const teamIds = query.team ? await teamSubtree(query.team) : null;
  const field = ({ tool: "toolId", user: "userId", team: "teamId", day: "day" } as const)[query.groupBy];
  // Both daily rollup tables (lib/usage/daily-rollup.ts); the column name is ours, never input.
  const groups = await prisma.$queryRaw<{ key: string | null; events: number; inputTokens: number; outputTokens: number; costUsd: number; violations: number; overCapEvents: number }[]>`
    SELECT ${Prisma.raw(field === "day" ? `to_char("day", 'YYYY-MM-DD')` : `"${field}"`)} AS "key", SUM("events")::float8 AS "events",
           SUM("inputTokens")::float8 AS "inputTokens", SUM("outputTokens")::float8 AS "outputTokens", SUM("costUsd")::float8 AS "costUsd",
           SUM("violations")::float8 AS "violations", SUM("overCapEvents")::float8 AS "overCapEvents"
    FROM ${DAILY_ROLLUP} d
    WHERE "day" BETWEEN ${from}::date AND ${to}::date ${teamIds ? Prisma.sql`AND "teamId" IN (SELECT unnest(${teamIds}::text[]))` : Prisma.empty}
    GROUP BY 1`;
  const { snapshot, directory } = await loadPolicyState();
  const teamNames =
    query.groupBy === "team" ? new Map((await prisma.team.findMany({ select: { id: true, name: true } })).map((t) => [t.id, t.name])) : null;
  const rows = groups.map((g) => {
    const key = g.key ?? "";
    const label =
      query.groupBy === "tool"
        ? (snapshot.toolsById.get(key)?.name ?? key)
        : query.groupBy === "user"
          ? (directory.byId.get(key)?.email ?? key)
          : query.groupBy === "team"
            ? (teamNames?.get(key) ?? "No team")
            : key;
    return {
      key,
      label,
      events: g.events,
      inputTokens: g.inputTokens,
      outputTokens: g.outputTokens,
      tokens: g.inputTokens + g.outputTokens,
      costUsd: Math.round(g.costUsd * 100) / 100,
      violations: g.violations,
      overCapEvents: g.overCapEvents,
    };
  });
  rows.sort((a, b) => (query.groupBy === "day" ? a.key.localeCompare(b.key) : b.tokens - a.tokens));
  return { from, to, groupBy: query.groupBy, rows };
}
