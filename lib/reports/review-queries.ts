import "server-only";
import { prisma } from "@/lib/db/client";
import { addDays } from "@/lib/calendar";
import { scopeFilter, type ReportScope } from "./report-scope";
import type { ReportWindow } from "./usage-queries";

export type ExceptionRow = { createdDay: string; status: string; createdAt: Date; decidedAt: Date | null };

/**
 * Exception requests filed in the window by people in scope. `decidedAt` is when the request was
 * approved or rejected: the request's own decidedAt, else its last approval step.
 */
export async function loadExceptionRows({ from, to, scope }: ReportWindow): Promise<ExceptionRow[]> {
  return prisma.$queryRaw<ExceptionRow[]>`
    SELECT to_char(r."createdAt", 'YYYY-MM-DD') AS "createdDay", r."status"::text AS "status", r."createdAt",
           CASE WHEN r."status" IN ('pending_manager', 'pending_legal', 'withdrawn') THEN NULL
                ELSE COALESCE(r."decidedAt", (SELECT MAX(s."createdAt") FROM "ApprovalStep" s WHERE s."requestId" = r."id")) END AS "decidedAt"
    FROM "ExceptionRequest" r
    WHERE r."createdAt" >= ${from}::date AND r."createdAt" < ${addDays(to, 1)}::date ${scopeFilter(scope, 'r."requesterId"')}
    ORDER BY r."createdAt"`;
}

export type ClauseViolationRow = { day: string; clauseId: string; ref: string; summary: string; vendor: string; items: number; events: number; tokens: number };

/** Violation review items per day and cited clause (an item citing two clauses counts for both). */
export async function loadViolationsByClause({ from, to, scope }: ReportWindow): Promise<ClauseViolationRow[]> {
  return prisma.$queryRaw<ClauseViolationRow[]>`
    SELECT to_char(ri."day", 'YYYY-MM-DD') AS "day", c."id" AS "clauseId", c."ref", c."summary", v."name" AS "vendor",
           COUNT(*)::float8 AS "items", SUM(ri."eventCount")::float8 AS "events", SUM(ri."tokens")::float8 AS "tokens"
    FROM "ReviewItem" ri
    JOIN "ReviewItemClause" ric ON ric."reviewItemId" = ri."id"
    JOIN "Clause" c ON c."id" = ric."clauseId"
    JOIN "TermsDocument" t ON t."id" = c."termsDocumentId"
    JOIN "Vendor" v ON v."id" = t."vendorId"
    WHERE ri."type" = 'violation' AND ri."day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, 'ri."userId"')}
    GROUP BY ri."day", c."id", c."ref", c."summary", v."name"
    ORDER BY ri."day", v."name", c."ref"`;
}

export type VendorExposureRow = { vendor: string; items: number; events: number; tokens: number; costUsd: number };

/**
 * What violations expose per vendor: the violating events themselves (read through their review
 * items, since the rollups keep only a violation count, not its tokens or spend).
 */
export async function loadVendorExposure({ from, to, scope }: ReportWindow): Promise<VendorExposureRow[]> {
  return prisma.$queryRaw<VendorExposureRow[]>`
    SELECT v."name" AS "vendor", COUNT(DISTINCT ri."id")::float8 AS "items", COUNT(e."id")::float8 AS "events",
           COALESCE(SUM(e."inputTokens" + e."outputTokens"), 0)::float8 AS "tokens", COALESCE(SUM(e."costUsd"), 0)::float8 AS "costUsd"
    FROM "ReviewItem" ri
    JOIN "UsageEvent" e ON e."reviewItemId" = ri."id"
    JOIN "Tool" tl ON tl."id" = e."toolId"
    JOIN "Vendor" v ON v."id" = tl."vendorId"
    WHERE ri."type" = 'violation' AND ri."day" BETWEEN ${from}::date AND ${to}::date ${scopeFilter(scope, 'ri."userId"')}
    GROUP BY v."name"
    ORDER BY "tokens" DESC`;
}

export type QueueAgeRow = { type: string; ageDays: number; items: number };

/** Open review items by type and whole days since they were opened (as of `now`). */
export async function loadOpenQueueAges(now: Date): Promise<QueueAgeRow[]> {
  return prisma.$queryRaw<QueueAgeRow[]>`
    SELECT "type"::text AS "type", FLOOR(EXTRACT(EPOCH FROM (${now}::timestamp - "openedAt")) / 86400)::float8 AS "ageDays", COUNT(*)::float8 AS "items"
    FROM "ReviewItem"
    WHERE "status" = 'open'
    GROUP BY 1, 2`;
}

export type ContaminatedRow = { id: string; author: string; email: string; project: string; artifactRef: string; windowStart: Date; windowEnd: Date; checkedAt: Date | null; evidenceEventCount: number };

/** Contributions found contaminated, newest check first, with a count of all contributions by status. */
export async function loadContributions(scope: ReportScope) {
  const where = scope.kind === "users" ? { authorId: { in: scope.userIds } } : {};
  const [contaminated, byStatus] = await Promise.all([
    prisma.contribution.findMany({
      where: { ...where, status: "contaminated" },
      select: { id: true, artifactRef: true, windowStart: true, windowEnd: true, checkedAt: true, evidenceEventCount: true, author: { select: { name: true, email: true } }, project: { select: { key: true } } },
      orderBy: [{ checkedAt: "desc" }, { id: "asc" }],
      take: 500,
    }),
    prisma.contribution.groupBy({ by: ["status"], where, _count: { _all: true } }),
  ]);
  const rows: ContaminatedRow[] = contaminated.map((c) => ({
    id: c.id,
    author: c.author.name,
    email: c.author.email,
    project: c.project.key,
    artifactRef: c.artifactRef,
    windowStart: c.windowStart,
    windowEnd: c.windowEnd,
    checkedAt: c.checkedAt,
    evidenceEventCount: c.evidenceEventCount,
  }));
  return { rows, byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Record<string, number> };
}
