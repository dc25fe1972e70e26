import "server-only";
import { prisma } from "@/lib/db/client";
import { addDays, nextMonthStart } from "@/lib/calendar";
import { loadBilledCost } from "./billed-cost";
import { monthlyMix, type MonthKindSum, type MonthlyMixRow } from "./external-vs-in-house";
import { scopeFilter, type ReportScope } from "./report-scope";

/** The `count` calendar months ending with the month of `day` ("2026-11-20" → […, "2026-10", "2026-11"]). */
export function monthsEndingWith(day: string, count: number): string[] {
  const [y, m] = day.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/**
 * External versus in-house spend per month for the scope, from the monthly rollups (company-local calendar months)
 * and the days not folded into them yet,
 * with vendor-billed cost in place of the estimate where a cost report covers the day (billed-cost.ts).
 */
export async function loadExternalVsInHouse(scope: ReportScope, throughDay: string, count = 12): Promise<MonthlyMixRow[]> {
  const months = monthsEndingWith(throughDay, count);
  const from = `${months[0]}-01`;
  const to = addDays(nextMonthStart(`${months[months.length - 1]}-01`), -1);
  const [rows, billed, tools] = await Promise.all([
    prisma.$queryRaw<{ month: string; toolId: string; tokens: number; costUsd: number }[]>`
      SELECT to_char("month", 'YYYY-MM') AS "month", "toolId", SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd"
      FROM (
        SELECT "month", "toolId", "inputTokens", "outputTokens", "costUsd" FROM "UsageMonthly"
        WHERE "month" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
        UNION ALL -- the days not folded into UsageMonthly yet
        SELECT date_trunc('month', "day")::date, "toolId", "inputTokens", "outputTokens", "costUsd" FROM "UsageDailyRecent"
        WHERE "day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, '"userId"')}
      ) m
      GROUP BY 1, 2`,
    loadBilledCost({ from, to, scope }),
    prisma.tool.findMany({ select: { id: true, kind: true } }),
  ]);
  const kindOf = new Map(tools.map((t) => [t.id, t.kind]));
  const sums: MonthKindSum[] = rows.map((r) => ({ month: r.month, kind: kindOf.get(r.toolId) ?? "external", tokens: r.tokens, costUsd: r.costUsd, billedUsd: 0 }));
  for (const b of billed.toolDays) {
    // the bill replaces the estimate: add the difference, and count the billed part
    sums.push({ month: b.day.slice(0, 7), kind: kindOf.get(b.toolId) ?? "external", tokens: 0, costUsd: b.billedUsd - b.estimatedUsd, billedUsd: b.billedUsd });
  }
  // Vendors bill external use: a bill Guardrail saw no usage for is external spend of the whole company.
  for (const u of billed.unseen) sums.push({ month: u.day.slice(0, 7), kind: "external", tokens: 0, costUsd: u.billedUsd, billedUsd: u.billedUsd });
  return monthlyMix(months, sums);
}
