import "server-only";
import { prisma } from "../db/client";
import { appendAudit, type Actor } from "../audit/append-audit";
import { AppError } from "../errors";

/** Assigns items to a legal reviewer (or unassigns them with null). Each item's history records it. */
export async function assignReviewItems(itemIds: string[], assigneeId: string | null, actor: Actor) {
  return prisma.$transaction(async (tx) => {
    if (assigneeId) {
      const reviewer = await tx.user.findUnique({ where: { id: assigneeId }, select: { active: true, roles: true } });
      if (!reviewer?.active || !reviewer.roles.includes("legal")) throw new AppError("invalid_assignee", "Items can be assigned to active legal reviewers only.", 400, [{ path: "assigneeId", message: "Choose a legal reviewer." }]);
    }
    const items = await tx.reviewItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, assigneeId: true } });
    const changing = items.filter((i) => i.assigneeId !== assigneeId);
    await tx.reviewItem.updateMany({ where: { id: { in: changing.map((i) => i.id) } }, data: { assigneeId, version: { increment: 1 } } });
    for (const item of changing) {
      await appendAudit(tx, {
        actor,
        action: assigneeId ? "review.assigned" : "review.unassigned",
        entityType: "review_item",
        entityId: item.id,
        data: { assigneeId, previousAssigneeId: item.assigneeId },
      });
    }
    return { updated: changing.length, missing: itemIds.length - items.length };
  });
}

/**
 * Clears or escalates a selection in one go. Only items still open are touched, so a bulk action never
 * overrides an outcome someone else recorded meanwhile; the count says how many were changed.
 */
export async function resolveReviewItemsInBulk(itemIds: string[], outcome: "cleared" | "escalated", note: string, actor: Actor) {
  return prisma.$transaction(async (tx) => {
    const open = await tx.reviewItem.findMany({ where: { id: { in: itemIds }, status: "open" }, select: { id: true } });
    const ids = open.map((i) => i.id);
    const now = new Date();
    await tx.reviewItem.updateMany({
      where: { id: { in: ids }, status: "open" },
      data: {
        status: outcome,
        note: note || null,
        version: { increment: 1 },
        ...(outcome === "cleared" ? { resolvedAt: now, resolvedById: actor.id } : {}),
      },
    });
    for (const id of ids) {
      await appendAudit(tx, { actor, action: `review.${outcome}`, entityType: "review_item", entityId: id, data: { note, bulk: true } });
    }
    return { updated: ids.length, skipped: itemIds.length - ids.length };
  });
}
