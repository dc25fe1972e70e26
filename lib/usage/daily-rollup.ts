import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";

// The daily rollup lives in two tables. Ingestion adds to UsageDailyRecent, whose only index is its primary key, so
// adding to a row that exists is a heap-only update; UsageDaily (and UsageMonthly) carry the covering indexes the
// reports read. foldClosedDays moves the days before today into them. A key can have a row in both tables until then
// (a late event for a folded day), so readers take both and sum by key: `DAILY_ROLLUP` is that union.

/** The rollups' measures: an upsert adds the incoming row's to the row its key already has (addMeasures). */
const MEASURES = ["events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents"] as const;

/** The SET clauses of an upsert into `table` that adds the incoming row's measures to the existing row's. */
export function addMeasures(table: string): string {
  return MEASURES.map((m) => `"${m}" = "${table}"."${m}" + excluded."${m}"`).join(",\n    ");
}

const COLUMNS = `"day", "userId", "toolId", "projectId", "teamId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents"`;

/**
 * Every daily rollup row, as a derived table with UsageDaily's columns: sum by key, never read a row as the total.
 * A plain UNION ALL, which PostgreSQL flattens: a filter on the derived table reaches each table's own indexes.
 */
export const DAILY_ROLLUP = Prisma.raw(`(SELECT ${COLUMNS} FROM "UsageDaily" UNION ALL SELECT ${COLUMNS} FROM "UsageDailyRecent")`);

const FOLD_SQL = `
WITH keys AS (
  SELECT "day", "userId", "toolId", "projectId" FROM "UsageDailyRecent" WHERE "day" < $1::date
  ORDER BY 1, 2, 3, 4 LIMIT $2 FOR UPDATE
), moved AS (
  DELETE FROM "UsageDailyRecent" r USING keys k
  WHERE r."day" = k."day" AND r."userId" = k."userId" AND r."toolId" = k."toolId" AND r."projectId" = k."projectId"
  RETURNING r.*
), daily AS (
  INSERT INTO "UsageDaily" (${COLUMNS})
  SELECT ${COLUMNS} FROM moved ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day", "userId", "toolId", "projectId") DO UPDATE SET
    ${addMeasures("UsageDaily")},
    "teamId" = coalesce(excluded."teamId", "UsageDaily"."teamId")
  RETURNING 1
), monthly AS (
  INSERT INTO "UsageMonthly" ("month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents")
  SELECT date_trunc('month', "day")::date, "userId", "toolId", "projectId", sum("events"), sum("inputTokens"), sum("outputTokens"),
    sum("costUsd"), sum("violations"), sum("overCapEvents")
  FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("month", "userId", "toolId", "projectId") DO UPDATE SET
    ${addMeasures("UsageMonthly")}
  RETURNING 1
)
SELECT (SELECT count(*) FROM moved)::int AS "moved", (SELECT count(*) FROM daily)::int AS "daily", (SELECT count(*) FROM monthly)::int AS "monthly"`;

/** rows taken out of UsageDailyRecent, and the UsageDaily and UsageMonthly rows they were added to */
export type FoldResult = { moved: number; dailyRows: number; monthlyRows: number };

/**
 * Moves the rows of UsageDailyRecent dated before `today` (the company's calendar day) into UsageDaily and
 * UsageMonthly, `chunk` rows per statement. Each statement deletes the rows it adds, so a row is counted once
 * whatever runs beside it: an event for a day being folded waits for the fold's row lock, then adds a new row.
 */
export async function foldClosedDays(now = new Date(), chunk = 20_000): Promise<FoldResult> {
  const today = localDay(now, env.COMPANY_TIME_ZONE);
  const total: FoldResult = { moved: 0, dailyRows: 0, monthlyRows: 0 };
  for (;;) {
    const [r] = await prisma.$queryRawUnsafe<{ moved: number; daily: number; monthly: number }[]>(FOLD_SQL, today, chunk);
    total.moved += r.moved;
    total.dailyRows += r.daily;
    total.monthlyRows += r.monthly;
    if (r.moved < chunk) break;
  }
  return total;
}
