import "server-only";
import type { Severity } from "../generated/prisma/enums";
import { appendAudit, type Actor } from "../audit/append-audit";
import type { Tx } from "../db/tx";

const ORDER: Severity[] = ["low", "medium", "high", "critical"];
export const maxSeverity = (list: Severity[], fallback: Severity = "medium"): Severity =>
  list.reduce<Severity>((max, s) => (ORDER.indexOf(s) > ORDER.indexOf(max) ? s : max), list.length ? "low" : fallback);

/**
 * Opens the queue item for a request that reached the legal stage. The requests workflow calls it in the
 * transaction that moves the request to pending_legal; calling it twice changes nothing.
 */
export async function openLegalRequestReviewItem(tx: Tx, requestId: string, actor: Actor) {
  const groupKey = `legal_request:${requestId}`;
  const existing = await tx.reviewItem.findUnique({ where: { groupKey }, select: { id: true } });
  if (existing) return existing.id;
  const request = await tx.exceptionRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, requesterId: true, toolId: true, projectId: true, clauseIds: true, createdAt: true, requester: { select: { name: true } }, tool: { select: { slug: true } }, activity: { select: { slug: true } } },
  });
  const clauses = await tx.clause.findMany({ where: { id: { in: request.clauseIds } }, select: { id: true, severity: true } });
  const item = await tx.reviewItem.create({
    data: {
      type: "legal_request",
      severity: maxSeverity(clauses.map((c) => c.severity)),
      groupKey,
      title: `Exception request: ${request.requester.name} — ${request.tool.slug} for ${request.activity.slug}`,
      userId: request.requesterId,
      toolId: request.toolId,
      projectId: request.projectId,
      requestId: request.id,
      clauses: { create: clauses.map((c) => ({ clauseId: c.id })) },
    },
  });
  await appendAudit(tx, { actor, action: "review.opened", entityType: "review_item", entityId: item.id, data: { type: "legal_request", requestId } });
  return item.id;
}

/**
 * Closes a request's open legal item when legal decides the request (approved → cleared, rejected → confirmed),
 * or when it leaves the legal stage otherwise (withdrawn, expired → cleared).
 */
export async function closeLegalRequestReviewItem(tx: Tx, requestId: string, decision: "approved" | "rejected" | "withdrawn" | "expired", actor: Actor) {
  const item = await tx.reviewItem.findUnique({ where: { groupKey: `legal_request:${requestId}` }, select: { id: true, status: true } });
  if (!item || (item.status !== "open" && item.status !== "escalated")) return null;
  const status = decision === "rejected" ? "confirmed" : "cleared";
  await tx.reviewItem.update({
    where: { id: item.id },
    data: { status, resolvedAt: new Date(), resolvedById: actor.type === "user" ? actor.id : null, version: { increment: 1 }, note: `Request ${decision}.` },
  });
  await appendAudit(tx, { actor, action: `review.${status}`, entityType: "review_item", entityId: item.id, data: { requestDecision: decision } });
  return item.id;
}
