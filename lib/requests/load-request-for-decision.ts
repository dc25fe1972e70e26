import "server-only";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** The request with what a decision needs: who asked, for what, and the approvals so far. */
export async function loadRequestForDecision(requestId: string) {
  const request = await prisma.exceptionRequest.findUnique({
    where: { id: requestId },
    include: {
      requester: { select: { id: true, name: true, email: true, managerId: true } },
      tool: { select: { slug: true, name: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true, name: true } },
      steps: { orderBy: { createdAt: "asc" }, select: { stage: true, decision: true, conditions: true, actorId: true } },
    },
  });
  if (!request) throw notFound("Request");
  return request;
}
