import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { csvLine } from "./report-table";
import { scopeFilter } from "./report-scope";
import type { ReportWindow } from "./usage-queries";

type DailyRow = { day: string; userId: string; toolId: string; projectId: string; email: string; tool: string; project: string | null; events: number; inputTokens: number; outputTokens: number; costUsd: number; violations: number; overCapEvents: number };

export const DAILY_ROWS_HEADER = ["day", "email", "tool", "project", "events", "input_tokens", "output_tokens", "cost_usd", "violations", "over_cap_events"];

/**
 * The window's daily rollup rows as CSV lines, read in keyset-paginated batches so memory stays flat
 * however many rows there are (a year of a 500-person org is a few hundred thousand rows).
 */
export async function* dailyRowsCsv({ from, to, scope }: ReportWindow, batchSize = 5000): AsyncGenerator<string> {
  yield csvLine(DAILY_ROWS_HEADER);
  let after: DailyRow | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND ("day", "userId", "toolId", "projectId") > (${after.day}::date, ${after.userId}, ${after.toolId}, ${after.projectId})`
      : Prisma.empty;
    const rows: DailyRow[] = await prisma.$queryRaw<DailyRow[]>`
      SELECT to_char(d."day", 'YYYY-MM-DD') AS "day", d."userId", d."toolId", d."projectId", u."email", t."slug" AS "tool", p."key" AS "project",
             d."events", d."inputTokens"::float8 AS "inputTokens", d."outputTokens"::float8 AS "outputTokens", d."costUsd"::float8 AS "costUsd",
             d."violations", d."overCapEvents"
      FROM (
        SELECT * FROM "UsageDaily"
        WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')} ${cursor}
        ORDER BY "day", "userId", "toolId", "projectId"
        LIMIT ${batchSize}
      ) d
      JOIN "User" u ON u."id" = d."userId"
      JOIN "Tool" t ON t."id" = d."toolId"
      LEFT JOIN "Project" p ON p."id" = d."projectId"
      ORDER BY d."day", d."userId", d."toolId", d."projectId"`;
    for (const r of rows) yield csvLine([r.day, r.email, r.tool, r.project ?? "", r.events, r.inputTokens, r.outputTokens, r.costUsd, r.violations, r.overCapEvents]);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
  }
}
