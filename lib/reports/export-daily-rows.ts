import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { csvStream, type CsvRow } from "@/lib/csv/csv-writer";
import { scopeFilter } from "./report-scope";
import { addDays } from "@/lib/calendar";
import type { ReportWindow } from "./usage-queries";
import { DAILY_ROLLUP } from "@/lib/usage/daily-rollup";

type DailyRow = { day: string; userId: string; toolId: string; projectId: string; email: string; tool: string; project: string | null; events: number; inputTokens: number; outputTokens: number; costUsd: number; violations: number; overCapEvents: number };

export const DAILY_ROWS_HEADER = ["day", "email", "tool", "project", "events", "input_tokens", "output_tokens", "cost_usd", "violations", "over_cap_events"];

/**
 * The window's daily rollup rows (a key's rows in both daily tables summed) as CSV row batches, one day at a time and within a day in keyset-paginated
 * batches, so memory stays flat however many rows there are (a year of a 500-person org is over half a
 * million). Each query reads one day's slice of the primary key, never the rest of the window.
 */
export async function* dailyRowBatches({ from, to, scope }: ReportWindow, batchSize = 2000): AsyncGenerator<CsvRow[]> {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    let after: DailyRow | null = null;
    for (;;) {
      const cursor: Prisma.Sql = after ? Prisma.sql`AND ("userId", "toolId", "projectId") > (${after.userId}, ${after.toolId}, ${after.projectId})` : Prisma.empty;
      const rows: DailyRow[] = await prisma.$queryRaw<DailyRow[]>`
        SELECT ${day}::text AS "day", d."userId", d."toolId", d."projectId", u."email", t."slug" AS "tool", p."key" AS "project",
               d."events", d."inputTokens"::float8 AS "inputTokens", d."outputTokens"::float8 AS "outputTokens", d."costUsd"::float8 AS "costUsd",
               d."violations", d."overCapEvents"
        FROM (
          SELECT "userId", "toolId", "projectId", sum("events")::int AS "events", sum("inputTokens") AS "inputTokens", sum("outputTokens") AS "outputTokens",
                 sum("costUsd") AS "costUsd", sum("violations")::int AS "violations", sum("overCapEvents")::int AS "overCapEvents"
          FROM ${DAILY_ROLLUP} r
          WHERE "day" = ${day}::date ${scopeFilter(scope, '"userId"')} ${cursor}
          GROUP BY "userId", "toolId", "projectId"
          ORDER BY "userId", "toolId", "projectId"
          LIMIT ${batchSize}
        ) d
        JOIN "User" u ON u."id" = d."userId"
        JOIN "Tool" t ON t."id" = d."toolId"
        LEFT JOIN "Project" p ON p."id" = d."projectId"
        ORDER BY d."userId", d."toolId", d."projectId"`;
      if (rows.length) yield rows.map((r) => [r.day, r.email, r.tool, r.project ?? "", r.events, r.inputTokens, r.outputTokens, r.costUsd, r.violations, r.overCapEvents]);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1];
    }
  }
}

/** The daily rows as a streamed CSV. */
export function dailyRowsCsv(window: ReportWindow, batchSize?: number): ReadableStream<Uint8Array> {
  return csvStream(DAILY_ROWS_HEADER, dailyRowBatches(window, batchSize));
}
