import "server-only";
import { prisma } from "../db/client";
import type { QueueFilter } from "../validation/review";
import { itemAgeHours } from "./item-age";
import { reviewQueueOrder, reviewQueueWhere } from "./queue-where";

/** One page of the legal queue, filtered and sorted on the server. */
export async function listReviewQueue(filter: QueueFilter, viewerId: string, now = new Date()) {
  const where = reviewQueueWhere(filter, viewerId);
  const [rows, total] = await Promise.all([
    prisma.reviewItem.findMany({
      where,
      orderBy: reviewQueueOrder(filter),
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        id: true,
        type: true,
        status: true,
        severity: true,
        title: true,
        openedAt: true,
        resolvedAt: true,
        eventCount: true,
        version: true,
        user: { select: { id: true, name: true, email: true, team: { select: { name: true } } } },
        tool: { select: { slug: true, name: true, vendor: { select: { name: true } } } },
        project: { select: { key: true } },
        assignee: { select: { id: true, name: true } },
        clauses: { select: { clause: { select: { id: true, ref: true } } }, take: 3 },
      },
    }),
    prisma.reviewItem.count({ where }),
  ]);
  const items = rows.map((r) => ({ ...r, clauses: r.clauses.map((c) => c.clause), ageHours: itemAgeHours(r, now) }));
  return { items, total, page: filter.page, pageSize: filter.pageSize, pages: Math.max(1, Math.ceil(total / filter.pageSize)) };
}
export type QueuePage = Awaited<ReturnType<typeof listReviewQueue>>;
export type QueueRow = QueuePage["items"][number];

/** The options the queue's filter bar offers. */
export async function listQueueFilterOptions() {
  const [vendors, teams, reviewers] = await Promise.all([
    prisma.vendor.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    prisma.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    // Raw: `roles: { has: "legal" }` on an enum array fails on the PGlite adapter ("malformed array literal").
    prisma.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") ORDER BY "name"`,
  ]);
  return { vendors, teams, reviewers };
}

/** The name of the clause the queue is filtered by ("OpenAI 2(c)(iii) (v2026-01)"), or null when there is no such clause. */
export async function queueClauseLabel(clauseId: string): Promise<string | null> {
  const clause = await prisma.clause
    .findUnique({ where: { id: clauseId }, select: { ref: true, termsDocument: { select: { version: true, vendor: { select: { name: true } } } } } })
    .catch(() => null);
  return clause ? `${clause.termsDocument.vendor.name} ${clause.ref} (v${clause.termsDocument.version})` : null;
}
