import "server-only";
import { canSeeUser, type Person } from "@/lib/auth/authorize";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import type { CommentInput } from "@/lib/validation/comment";
import { describeRequest, requestLink } from "./describe-request";

/** Adds a comment to a request's thread; everyone who can see the request can comment. */
export async function addComment(person: Person, input: CommentInput): Promise<{ id: string }> {
  const request = await prisma.exceptionRequest.findUnique({
    where: { id: input.requestId },
    select: {
      id: true,
      requesterId: true,
      tool: { select: { name: true } },
      activity: { select: { name: true } },
      project: { select: { key: true } },
      steps: { select: { actorId: true } },
      comments: { select: { authorId: true } },
    },
  });
  // Someone who may not see the request learns nothing about it, not even that it exists.
  if (!request || !(await canSeeUser(person, request.requesterId))) throw notFound("Request");

  const participants = new Set([request.requesterId, ...request.steps.map((s) => s.actorId), ...request.comments.map((c) => c.authorId)]);
  participants.delete(person.id);

  return prisma.$transaction(async (tx) => {
    const comment = await tx.requestComment.create({ data: { requestId: request.id, authorId: person.id, body: input.body } });
    await appendAudit(tx, {
      actor: { type: "user", id: person.id },
      action: "request.commented",
      entityType: "exception_request",
      entityId: request.id,
      data: { commentId: comment.id },
    });
    for (const userId of participants) {
      await notify(tx, {
        userId,
        kind: "request.comment",
        title: `Comment on ${describeRequest(request)}`,
        body: `${person.name}: ${input.body.length > 280 ? `${input.body.slice(0, 277)}…` : input.body}`,
        link: requestLink(request.id),
      });
    }
    return { id: comment.id };
  });
}

