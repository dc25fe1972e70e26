import "server-only";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { updateRequestIfUnchanged } from "@/lib/requests/guarded-update";
import { describeRequest, requestLink } from "@/lib/requests/describe-request";

/**
 * Marks approved requests whose grant window has ended as expired. Safe to run from any page load or a
 * scheduled job: evaluatePolicy already ignores a grant past validTo, so this only brings the records in line.
 * Returns how many requests it expired.
 */
export async function expireGrants(now = new Date(), limit = 500): Promise<number> {
  const due = await prisma.exceptionRequest.findMany({
    where: { status: "approved", grant: { validTo: { lte: now }, revokedAt: null } },
    select: {
      id: true,
      version: true,
      status: true,
      requesterId: true,
      tool: { select: { name: true } },
      activity: { select: { name: true } },
      project: { select: { key: true } },
      grant: { select: { id: true, validTo: true } },
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
  let expired = 0;
  for (const request of due) {
    try {
      await prisma.$transaction(async (tx) => {
        await updateRequestIfUnchanged(tx, request, "expired");
        await appendAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "request.expired",
          entityType: "exception_request",
          entityId: request.id,
          data: { grantId: request.grant?.id, validTo: request.grant?.validTo },
        });
        await notify(tx, {
          userId: request.requesterId,
          kind: "request.expired",
          title: `Expired: ${describeRequest(request)}`,
          body: `Your exception ended on ${request.grant?.validTo.toISOString().slice(0, 10)}. File a new request if you still need it.`,
          link: requestLink(request.id),
          dedupKey: `request-expired:${request.id}`,
        });
      });
      expired++;
    } catch (err) {
      // Someone revoked or another run expired it meanwhile: nothing left to do for this one.
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
    }
  }
  return expired;
}
