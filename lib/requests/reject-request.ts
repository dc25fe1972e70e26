import "server-only";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { conflict } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import type { RejectInput } from "@/lib/validation/request-decision";
import { describeChange, updateRequestIfUnchanged } from "./guarded-update";
import { describeRequest, requestLink } from "./describe-request";
import { loadRequestForDecision } from "./load-request-for-decision";
import { assertMayReview, assertMaySeeRequest, type Reviewer } from "./request-access";
import { stageOf, transition } from "./transitions";
import { closeLegalRequestReviewItem } from "@/lib/review/open-review-items";

/** Rejects a request at the stage it waits on; the reason is required and shown to the requester. */
export async function rejectRequest(reviewer: Reviewer, input: RejectInput, now = new Date()): Promise<void> {
  const request = await loadRequestForDecision(input.requestId);
  await assertMaySeeRequest(reviewer, request.requesterId);
  const stage = stageOf(request.status);
  const seen = { id: request.id, version: input.version ?? request.version, status: request.status };
  if (!stage || seen.version !== request.version) throw conflict(await describeChange(prisma, request.id));
  await assertMayReview(reviewer, request, stage);
  const step = transition(request.status, { type: "reject", stage });
  if (!step.ok) throw conflict(step.reason);

  await prisma.$transaction(async (tx) => {
    await updateRequestIfUnchanged(tx, seen, step.to, { decidedAt: now });
    const rejection = await tx.approvalStep.create({
      data: { requestId: request.id, stage, decision: "rejected", actorId: reviewer.id, reason: input.reason },
    });
    await appendAudit(tx, {
      actor: { type: "user", id: reviewer.id },
      action: "request.rejected",
      entityType: "exception_request",
      entityId: request.id,
      data: { stage, stepId: rejection.id, from: request.status, to: step.to, reason: input.reason },
    });
    if (stage === "legal") await closeLegalRequestReviewItem(tx, request.id, "rejected", { type: "user", id: reviewer.id });
    await notify(tx, {
      userId: request.requesterId,
      kind: "request.rejected",
      title: `Rejected: ${describeRequest(request)}`,
      body: `${reviewer.name} rejected your request at the ${stage} stage: ${input.reason}`,
      link: requestLink(request.id),
    });
  });
}
