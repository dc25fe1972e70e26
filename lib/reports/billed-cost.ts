import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { scopeFilter } from "./report-scope";
import type { ReportWindow } from "./usage-queries";
import { DAILY_ROLLUP } from "@/lib/usage/daily-rollup";

// Vendor-billed cost in the spend reports. For a (vendor, day) that an imported cost report or billing export covers
// (VendorUsageRow.costBilled), the vendor's bill replaces Guardrail's price-list estimate. The bill is per vendor
// account, not per person, so it is spread over the people who used that vendor's tools that day in proportion to
// their estimated spend: each (day, tool) row of the scope is scaled by billed ÷ company-wide estimate. For the
// whole company the scaled rows add up to the bill exactly; a bill for a day on which Guardrail saw no usage of that
// vendor belongs to nobody Guardrail knows, so it is shown only in the whole-company report ("billed, not seen").
// Vendor days are UTC days; the rollups' days are company-local: the bill of UTC day D replaces the estimate of the
// company's day D (documented in the README). The vendor rows are few, so this is a join per day and vendor.

/** One (day, tool) of the scope whose estimate is replaced: what the price list said and what the bill makes it. */
export type BilledToolDay = { day: string; toolId: string; estimatedUsd: number; billedUsd: number };
/** A vendor's bill for a day on which Guardrail saw none of its usage (whole-company scope only). */
export type UnseenBill = { day: string; vendorId: string; billedUsd: number };

export async function loadBilledCost({ from, to, scope }: ReportWindow): Promise<{ toolDays: BilledToolDay[]; unseen: UnseenBill[] }> {
  const billed = Prisma.sql`
    SELECT "day", "vendorId", SUM("costUsd") AS "billed" FROM "VendorUsageRow"
    WHERE "costBilled" AND "costUsd" IS NOT NULL AND "day" BETWEEN ${from}::date AND ${to}::date
    GROUP BY "day", "vendorId"`;
  const [toolDays, unseen] = await Promise.all([
    prisma.$queryRaw<BilledToolDay[]>`
      WITH billed AS (${billed}),
      company AS (
        SELECT d."day", t."vendorId", SUM(d."costUsd") AS "est"
        FROM ${DAILY_ROLLUP} d JOIN "Tool" t ON t."id" = d."toolId" JOIN billed b ON b."day" = d."day" AND b."vendorId" = t."vendorId"
        GROUP BY d."day", t."vendorId"
      ),
      scoped AS (
        SELECT d."day", d."toolId", t."vendorId", SUM(d."costUsd") AS "est"
        FROM ${DAILY_ROLLUP} d JOIN "Tool" t ON t."id" = d."toolId" JOIN billed b ON b."day" = d."day" AND b."vendorId" = t."vendorId"
        WHERE TRUE ${scopeFilter(scope, 'd."userId"')}
        GROUP BY d."day", d."toolId", t."vendorId"
      )
      SELECT to_char(s."day", 'YYYY-MM-DD') AS "day", s."toolId", s."est"::float8 AS "estimatedUsd", (s."est" * b."billed" / c."est")::float8 AS "billedUsd"
      FROM scoped s
      JOIN billed b ON b."day" = s."day" AND b."vendorId" = s."vendorId"
      JOIN company c ON c."day" = s."day" AND c."vendorId" = s."vendorId"
      WHERE c."est" > 0
      ORDER BY 1, 2`,
    scope.kind === "all"
      ? prisma.$queryRaw<UnseenBill[]>`
          WITH billed AS (${billed})
          SELECT to_char(b."day", 'YYYY-MM-DD') AS "day", b."vendorId", b."billed"::float8 AS "billedUsd"
          FROM billed b
          WHERE b."billed" > 0 AND NOT EXISTS (
            SELECT 1 FROM ${DAILY_ROLLUP} d JOIN "Tool" t ON t."id" = d."toolId"
            WHERE d."day" = b."day" AND t."vendorId" = b."vendorId" AND d."costUsd" > 0)
          ORDER BY 1, 2`
      : Promise.resolve([]),
  ]);
  return { toolDays, unseen };
}
