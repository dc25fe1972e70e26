import "server-only";
import { prisma } from "@/lib/db/client";
import type { Person } from "@/lib/auth/authorize";
import { hasRole } from "@/lib/auth/roles";
import type { ApprovalStage } from "@/lib/generated/prisma/enums";
import { orgUserIds } from "@/lib/org/org-tree";
import { DAILY_ROLLUP } from "@/lib/usage/daily-rollup";
import { loadClauses } from "./get-request-detail";
import { separationOfDutiesRefusal } from "./request-access";

const USAGE_DAYS = 30;
/** Rows per page of a queue; the page says how many wait in all and pages past this. */
export const APPROVAL_PAGE_SIZE = 200;

async function queueWhere(person: Pick<Person, "id" | "roles">, stage: ApprovalStage) {
  let requesterFilter: { in: string[] } | undefined;
  if (stage === "manager") {
    if (!hasRole(person, "manager")) return null;
    requesterFilter = { in: await orgUserIds(person.id) };
  } else if (!hasRole(person, "legal")) return null;
  return { status: stage === "manager" ? ("pending_manager" as const) : ("pending_legal" as const), requesterId: { ...requesterFilter, not: person.id } };
}

/** How many requests wait on this person at a stage (the queue shows APPROVAL_PAGE_SIZE at a time). */
export async function countApprovalQueue(person: Pick<Person, "id" | "roles">, stage: ApprovalStage): Promise<number> {
  const where = await queueWhere(person, stage);
  return where ? prisma.exceptionRequest.count({ where }) : 0;
}

/**
 * The requests waiting on this person, oldest first: at the manager stage those from their org (never
 * their own), at the legal stage all of them. Each row carries the requester's tokens over the last
 * 30 days (from the daily rollups), the clauses the request was judged under, and `refusal`: why this
 * person may not decide it (separation of duties: they decided its manager stage), or null.
 */
/** Each requester's tokens and spend since `since`, from both daily rollup tables (lib/usage/daily-rollup.ts). */
function recentUsageOf(userIds: string[], since: Date) {
  return prisma.$queryRaw<{ userId: string; tokens: number; costUsd: number }[]>`
    SELECT "userId", SUM("inputTokens" + "outputTokens")::float8 AS "tokens", SUM("costUsd")::float8 AS "costUsd"
    FROM ${DAILY_ROLLUP} d
    WHERE "userId" IN (SELECT unnest(${userIds}::text[])) AND "day" >= ${since.toISOString()}::timestamp
    GROUP BY "userId"`;
}

export async function listApprovalQueue(person: Pick<Person, "id" | "roles">, stage: ApprovalStage, now = new Date(), page = 1) {
  const where = await queueWhere(person, stage);
  if (!where) return [];

  const rows = await prisma.exceptionRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * APPROVAL_PAGE_SIZE,
    take: APPROVAL_PAGE_SIZE,
    include: {
      requester: { select: { id: true, name: true, email: true } },
      tool: { select: { slug: true, name: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true, name: true, sensitivity: true } },
      steps: { orderBy: { createdAt: "asc" }, include: { actor: { select: { name: true } } } },
    },
  });
  const requesterIds = [...new Set(rows.map((r) => r.requesterId))];
  const since = new Date(now.getTime() - USAGE_DAYS * 86_400_000);
  const [usage, clauses] = await Promise.all([
    requesterIds.length ? recentUsageOf(requesterIds, since) : [],
    loadClauses([...new Set(rows.flatMap((r) => r.clauseIds))]),
  ]);
  const tokensBy = new Map(usage.map((u) => [u.userId, u.tokens]));
  const costBy = new Map(usage.map((u) => [u.userId, u.costUsd]));
  const clauseBy = new Map(clauses.map((c) => [c.id, c]));
  return rows.map((r) => ({
    ...r,
    recentTokens: tokensBy.get(r.requesterId) ?? 0,
    recentCostUsd: costBy.get(r.requesterId) ?? 0,
    clauses: r.clauseIds.map((id) => clauseBy.get(id)).filter((c) => c !== undefined),
    refusal: separationOfDutiesRefusal(person.id, r, stage),
  }));
}
export type QueueRow = Awaited<ReturnType<typeof listApprovalQueue>>[number];
