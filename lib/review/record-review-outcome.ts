import "server-only";
import { prisma } from "../db/client";
import { appendAudit } from "../audit/append-audit";
import type { Role } from "../generated/prisma/enums";
import { AppError, conflict, notFound } from "../errors";
import { notify } from "../notifications/notify";
import { revokeGrant } from "../grants/revoke-grant";
import type { ReviewOutcomeInput } from "../validation/review";

export type Reviewer = { id: string; name: string; roles: Role[] };

/**
 * Revokes the subject's live grants for the item's tool (the follow-up of a confirmed violation).
 * revokeGrant runs its own transaction (lib/grants), so this runs once the outcome is committed; a grant
 * someone else revoked meanwhile is reported rather than failing the outcome.
 */
async function revokeToolGrants(item: { id: string; userId: string; toolId: string }, reviewer: Reviewer, now: Date) {
  const grants = await prisma.grant.findMany({
    where: { userId: item.userId, toolId: item.toolId, revokedAt: null, validTo: { gt: now } },
    select: { id: true },
  });
  const revoked: string[] = [];
  const failed: { grantId: string; reason: string }[] = [];
  for (const g of grants) {
    try {
      await revokeGrant(reviewer, { grantId: g.id, reason: `Confirmed violation (review item ${item.id}).` }, now);
      revoked.push(g.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ grantId: g.id, reason: error.message });
    }
  }
  return { revoked, failed };
}

/**
 * Records a reviewer's outcome on an open or escalated item. `version` is what the reviewer saw: if
 * someone else acted meanwhile, nothing changes and they are told so. Follow-ups of a confirmed
 * violation (manager notified, the tool's grants revoked) happen in the same transaction.
 */
export async function recordReviewOutcome(input: ReviewOutcomeInput, reviewer: Reviewer, now = new Date()) {
  const actor = { type: "user" as const, id: reviewer.id };
  const committed = await prisma.$transaction(async (tx) => {
    const item = await tx.reviewItem.findUnique({
      where: { id: input.itemId },
      select: { id: true, type: true, title: true, status: true, version: true, userId: true, toolId: true, user: { select: { name: true, managerId: true } } },
    });
    if (!item) throw notFound("Review item");
    const resolved = input.outcome !== "escalated";
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, version: input.version, status: { in: ["open", "escalated"] } },
      data: {
        status: input.outcome,
        note: input.note || null,
        version: { increment: 1 },
        resolvedAt: resolved ? now : null,
        resolvedById: resolved ? reviewer.id : null,
        // whoever records the outcome owns the item from then on
        assigneeId: reviewer.id,
      },
    });
    if (count === 0) {
      throw conflict(
        item.status === "open" || item.status === "escalated"
          ? "Someone else changed this item while you were looking at it. Reload to see their change, then decide again."
          : `This item was already ${item.status}. Reload to see who decided it.`,
      );
    }

    const revokeFor = input.outcome === "confirmed" && input.revokeGrants ? item : null;
    if (revokeFor && (!revokeFor.userId || !revokeFor.toolId)) {
      throw new AppError("no_tool", "This item names no person and tool whose grants could be revoked.", 400, [{ path: "revokeGrants", message: "Nothing to revoke for this item." }]);
    }
    let managerNotified = false;
    if (input.outcome === "confirmed") {
      if (input.notifyManager) {
        const managerId = item.user?.managerId;
        if (!managerId) throw new AppError("no_manager", `${item.user?.name ?? "The person"} has no manager on record to notify.`, 400, [{ path: "notifyManager", message: "No manager on record." }]);
        await notify(tx, {
          userId: managerId,
          kind: "review.confirmed_violation",
          title: `Confirmed violation: ${item.user?.name ?? "a report"}`,
          body: `Legal confirmed a violation (${item.title}). ${input.note}`.trim(),
          dedupKey: `review-confirmed:${item.id}`,
        });
        managerNotified = true;
      }
    }
    await appendAudit(tx, {
      actor,
      action: `review.${input.outcome}`,
      entityType: "review_item",
      entityId: item.id,
      data: { note: input.note, previousStatus: item.status, version: input.version + 1, managerNotified, revokeGrants: !!revokeFor },
    });
    return { managerNotified, revokeFor };
  });
  const grants =
    committed.revokeFor?.userId && committed.revokeFor.toolId
      ? await revokeToolGrants({ id: input.itemId, userId: committed.revokeFor.userId, toolId: committed.revokeFor.toolId }, reviewer, now)
      : { revoked: [], failed: [] };
  if (committed.revokeFor) {
    await prisma.$transaction((tx) =>
      appendAudit(tx, { actor, action: "review.grants_revoked", entityType: "review_item", entityId: input.itemId, data: { revokedGrantIds: grants.revoked, failures: grants.failed } }),
    );
  }
  return { managerNotified: committed.managerNotified, revokedGrantIds: grants.revoked, revokeFailures: grants.failed };
}
