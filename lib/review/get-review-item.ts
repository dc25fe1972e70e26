import "server-only";
import { prisma } from "../db/client";
import { externalToolsFor, itemEventsWhere, itemEvidenceInclude } from "./item-evidence";
import { findEventRows } from "./event-rows";

const AROUND_MS = 30 * 86_400_000;

/** An item with everything a reviewer weighs: clauses, the person's grants and requests around the time, history. */
export async function getReviewItem(id: string) {
  const item = await prisma.reviewItem.findUnique({
    where: { id },
    include: {
      ...itemEvidenceInclude,
      user: { select: { id: true, name: true, email: true, managerId: true, manager: { select: { name: true, email: true } }, team: { select: { name: true } } } },
      tool: { select: { id: true, slug: true, name: true, vendor: { select: { name: true } } } },
      project: { select: { key: true, name: true, sensitivity: true } },
      assignee: { select: { id: true, name: true } },
      resolvedBy: { select: { name: true } },
      grant: { select: { id: true, validFrom: true, validTo: true, revokedAt: true } },
      clauses: {
        select: {
          clause: {
            select: {
              id: true,
              ref: true,
              summary: true,
              severity: true,
              restrictedActivities: true,
              termsDocument: { select: { title: true, version: true, url: true, vendor: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!item) return null;

  const from = new Date((item.firstEventAt ?? item.openedAt).getTime() - AROUND_MS);
  const to = new Date((item.lastEventAt ?? item.openedAt).getTime() + AROUND_MS);
  const subjectId = item.userId;
  const [grants, requests, history] = await Promise.all([
    subjectId
      ? prisma.grant.findMany({
          where: { userId: subjectId, validFrom: { lte: to }, validTo: { gte: from } },
          orderBy: { validFrom: "desc" },
          take: 20,
          include: { tool: { select: { slug: true } }, activity: { select: { slug: true } }, project: { select: { key: true } } },
        })
      : [],
    subjectId
      ? prisma.exceptionRequest.findMany({
          where: { requesterId: subjectId, createdAt: { lte: to }, endsAt: { gte: from } },
          orderBy: { createdAt: "desc" },
          take: 20,
          select: { id: true, status: true, createdAt: true, startsAt: true, endsAt: true, tool: { select: { slug: true } }, activity: { select: { slug: true } }, project: { select: { key: true } } },
        })
      : [],
    prisma.auditEntry.findMany({ where: { entityType: "review_item", entityId: item.id }, orderBy: { seq: "asc" }, take: 200 }),
  ]);
  const actorIds = [...new Set(history.flatMap((h) => (h.actorType === "user" && h.actorId ? [h.actorId] : [])))];
  const actors = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    item: { ...item, clauses: item.clauses.map((c) => c.clause) },
    grants,
    requests,
    history: history.map((h) => ({ ...h, actorName: h.actorId ? (actors.get(h.actorId) ?? null) : null })),
  };
}

/** One page of an item's evidence events, oldest first. */
export async function listReviewItemEvents(item: Parameters<typeof itemEventsWhere>[0], page: number, pageSize = 50) {
  const where = itemEventsWhere(item, await externalToolsFor([item]));
  const [events, total] = await Promise.all([
    findEventRows({ where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.usageEvent.count({ where }),
  ]);
  return { events, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
