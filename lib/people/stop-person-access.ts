import "server-only";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { updateRequestIfUnchanged } from "@/lib/requests/guarded-update";
import { PENDING_STATUSES, transition } from "@/lib/requests/transitions";
import { closeLegalRequestReviewItem } from "@/lib/review/open-review-items";

export type StopAccess = { userId: string; actor: Actor; reason: string; now: Date };

/**
 * Deactivates a person, from the people admin or from the identity provider: decisions deny with user_inactive
 * from now on, their running grants are revoked (each request shows as revoked) and their pending requests are
 * withdrawn, so no reviewer spends time on them. Each change is audited; usage and history stay as they were.
 */
export async function stopPersonAccess(tx: Tx, { userId, actor, reason, now }: StopAccess): Promise<{ revokedGrantIds: string[]; withdrawnRequestIds: string[] }> {
  await tx.user.update({ where: { id: userId }, data: { active: false, deactivatedAt: now } });
  const revokedBy = actor.type === "user" ? actor.id : null;

  const live = await tx.grant.findMany({
    where: { userId, revokedAt: null, validTo: { gt: now } },
    select: { id: true, requestId: true, request: { select: { id: true, version: true, status: true } } },
  });
  for (const grant of live) {
    const step = transition(grant.request.status, { type: "revoke" });
    if (step.ok) await updateRequestIfUnchanged(tx, grant.request, step.to, { decidedAt: now });
    await tx.grant.update({ where: { id: grant.id }, data: { revokedAt: now, revokedById: revokedBy, revokeReason: reason } });
    await appendAudit(tx, { actor, action: "grant.revoked", entityType: "grant", entityId: grant.id, data: { requestId: grant.requestId, userId, reason } });
  }

  const pending = await tx.exceptionRequest.findMany({
    where: { requesterId: userId, status: { in: PENDING_STATUSES } },
    select: { id: true, version: true, status: true },
  });
  for (const request of pending) {
    const step = transition(request.status, { type: "withdraw" });
    if (!step.ok) continue;
    await updateRequestIfUnchanged(tx, request, step.to, { decidedAt: now });
    await appendAudit(tx, { actor, action: "request.withdrawn", entityType: "exception_request", entityId: request.id, data: { from: request.status, to: step.to, reason } });
    if (request.status === "pending_legal") await closeLegalRequestReviewItem(tx, request.id, "withdrawn", actor);
  }
  return { revokedGrantIds: live.map((g) => g.id), withdrawnRequestIds: pending.map((r) => r.id) };
}
