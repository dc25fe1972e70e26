import "server-only";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { conflict } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { ApproveInput } from "@/lib/validation/request-decision";
import { checkConditions, conditionsOf, effectiveTerms } from "./approval-conditions";
import { describeChange, updateRequestIfUnchanged } from "./guarded-update";
import { describeRequest, requestLink } from "./describe-request";
import { loadRequestForDecision } from "./load-request-for-decision";
import { notifyLegalReviewers } from "./notify-reviewers";
import { closeLegalRequestReviewItem, openLegalRequestReviewItem } from "@/lib/review/open-review-items";
import { assertMayReview, assertMaySeeRequest, type Reviewer } from "./request-access";
import { stageOf, transition } from "./transitions";

export type ApproveResult = { status: "pending_legal" | "approved"; grantId: string | null };

/**
 * Approves a request at the stage it waits on, optionally with conditions (a shorter window, a cap
 * override). The manager's approval sends it to legal when the cited clauses call for it; the final
 * approval creates the grant.
 */
export async function approveRequest(reviewer: Reviewer, input: ApproveInput, now = new Date()): Promise<ApproveResult> {
  const request = await loadRequestForDecision(input.requestId);
  await assertMaySeeRequest(reviewer, request.requesterId);
  const stage = stageOf(request.status);
  const seen = { id: request.id, version: input.version ?? request.version, status: request.status };
  if (!stage || seen.version !== request.version) {
    throw conflict(await describeChange(prisma, request.id));
  }
  await assertMayReview(reviewer, request, stage);
  const step = transition(request.status, { type: "approve", stage, requiresLegal: request.requiresLegal });
  if (!step.ok) throw conflict(step.reason);

  const approvedSoFar = request.steps.filter((s) => s.decision === "approved").map((s) => s.conditions);
  const current = effectiveTerms({ from: request.startsAt, to: request.endsAt }, approvedSoFar);
  checkConditions(current, input, now);
  const conditions = conditionsOf(input);
  const terms = effectiveTerms({ from: request.startsAt, to: request.endsAt }, [...approvedSoFar, conditions]);
  const what = describeRequest(request);

  const result = await prisma.$transaction(async (tx) => {
    await updateRequestIfUnchanged(tx, seen, step.to, step.to === "approved" ? { decidedAt: now } : {});
    const approval = await tx.approvalStep.create({
      data: {
        requestId: request.id,
        stage,
        decision: "approved",
        actorId: reviewer.id,
        reason: input.note ?? null,
        conditions: conditions ?? undefined,
      },
    });
    const grant =
      step.to === "approved"
        ? await tx.grant.create({
            data: {
              userId: request.requesterId,
              toolId: request.toolId,
              activityId: request.activityId,
              projectId: request.projectId,
              validFrom: terms.from,
              validTo: terms.to,
              requestId: request.id,
              capOverrideTokens: terms.capOverrideTokens != null ? BigInt(terms.capOverrideTokens) : null,
            },
          })
        : null;
    await appendAudit(tx, {
      actor: { type: "user", id: reviewer.id },
      action: step.to === "approved" ? "request.approved" : "request.manager_approved",
      entityType: "exception_request",
      entityId: request.id,
      data: { stage, stepId: approval.id, from: request.status, to: step.to, conditions, grantId: grant?.id ?? null },
    });
    const actor = { type: "user" as const, id: reviewer.id };
    if (stage === "legal") await closeLegalRequestReviewItem(tx, request.id, "approved", actor);
    if (step.to === "pending_legal") await openLegalRequestReviewItem(tx, request.id, actor);
    if (grant) {
      await appendAudit(tx, {
        actor: { type: "user", id: reviewer.id },
        action: "grant.created",
        entityType: "grant",
        entityId: grant.id,
        data: { requestId: request.id, userId: request.requesterId, validFrom: grant.validFrom, validTo: grant.validTo, capOverrideTokens: grant.capOverrideTokens },
      });
      await notify(tx, {
        userId: request.requesterId,
        kind: "request.approved",
        title: `Approved: ${what}`,
        body: `${reviewer.name} approved your exception. It is valid from ${terms.from.toISOString().slice(0, 10)} until ${terms.to.toISOString().slice(0, 10)}.`,
        link: requestLink(request.id),
      });
    } else {
      await notify(tx, {
        userId: request.requesterId,
        kind: "request.manager_approved",
        title: `Manager approved: ${what}`,
        body: `${reviewer.name} approved your request; it now waits for legal review because a cited vendor clause restricts this use.`,
        link: requestLink(request.id),
      });
      await notifyLegalReviewers(tx, {
        title: `Legal review: ${what}`,
        body: `${request.requester.name}'s request was approved by ${reviewer.name} and needs legal review.`,
        link: requestLink(request.id),
      }, [request.requesterId]);
    }
    return { status: step.to as ApproveResult["status"], grantId: grant?.id ?? null };
  });
  // The decision path in this process sees the new grant at once; other processes within POLICY_REFRESH_MS.
  if (result.grantId) invalidatePolicySnapshot();
  return result;
}
