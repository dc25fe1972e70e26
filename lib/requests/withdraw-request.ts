import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import type { WithdrawInput } from "@/lib/validation/request-decision";
import { describeChange, updateRequestIfUnchanged } from "./guarded-update";
import { describeRequest, requestLink } from "./describe-request";
import { transition } from "./transitions";
import { closeLegalRequestReviewItem } from "@/lib/review/open-review-items";

/** The requester takes back a request that is still waiting on a reviewer. */
export async function withdrawRequest(person: Pick<Person, "id" | "name">, input: WithdrawInput, now = new Date()): Promise<void> {
  // Ownership in the where clause: someone else's request id finds nothing.
  const request = await prisma.exceptionRequest.findFirst({
    where: { id: input.requestId, requesterId: person.id },
    include: { tool: { select: { name: true } }, activity: { select: { name: true } }, project: { select: { key: true } }, requester: { select: { managerId: true } } },
  });
  if (!request) throw notFound("Request");
  const step = transition(request.status, { type: "withdraw" });
  if (!step.ok) throw conflict(step.reason);
  const seen = { id: request.id, version: input.version ?? request.version, status: request.status };
  if (seen.version !== request.version) throw conflict(await describeChange(prisma, request.id));

  await prisma.$transaction(async (tx) => {
    await updateRequestIfUnchanged(tx, seen, step.to, { decidedAt: now });
    await appendAudit(tx, {
      actor: { type: "user", id: person.id },
      action: "request.withdrawn",
      entityType: "exception_request",
      entityId: request.id,
      data: { from: request.status, to: step.to },
    });
    if (request.status === "pending_legal") await closeLegalRequestReviewItem(tx, request.id, "withdrawn", { type: "user", id: person.id });
    // The reviewer who was about to look at it no longer needs to.
    const waitingOn = request.status === "pending_manager" ? request.requester.managerId : null;
    if (waitingOn) {
      await notify(tx, {
        userId: waitingOn,
        kind: "request.withdrawn",
        title: `Withdrawn: ${describeRequest(request)}`,
        body: `${person.name} withdrew this request; no decision is needed.`,
        link: requestLink(request.id),
      });
    }
  });
}
