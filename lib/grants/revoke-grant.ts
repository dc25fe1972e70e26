import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { appendAudit } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { updateRequestIfUnchanged } from "@/lib/requests/guarded-update";
import { describeRequest, requestLink } from "@/lib/requests/describe-request";
import { assertMayRevoke } from "@/lib/requests/request-access";
import { transition } from "@/lib/requests/transitions";
import type { RevokeInput } from "@/lib/validation/grant";

/** Ends a live grant before its window does; the request shows as revoked and the holder is told why. */
export async function revokeGrant(actor: Pick<Person, "id" | "name" | "roles">, input: RevokeInput, now = new Date()): Promise<void> {
  const grant = await prisma.grant.findUnique({
    where: { id: input.grantId },
    include: {
      request: { select: { id: true, version: true, status: true } },
      tool: { select: { name: true } },
      activity: { select: { name: true } },
      project: { select: { key: true } },
    },
  });
  if (!grant) throw notFound("Grant");
  await assertMayRevoke(actor, grant.userId);
  if (grant.revokedAt) throw conflict("This grant was already revoked. Reload to see who revoked it and why.");
  if (grant.validTo <= now) throw conflict("This grant has already expired; there is nothing left to revoke.");
  const step = transition(grant.request.status, { type: "revoke" });
  if (!step.ok) throw conflict(step.reason);

  await prisma.$transaction(async (tx) => {
    await updateRequestIfUnchanged(tx, grant.request, step.to, { decidedAt: now });
    const { count } = await tx.grant.updateMany({
      where: { id: grant.id, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.id, revokeReason: input.reason },
    });
    if (count === 0) throw conflict("This grant was already revoked. Reload to see who revoked it and why.");
    await appendAudit(tx, {
      actor: { type: "user", id: actor.id },
      action: "grant.revoked",
      entityType: "grant",
      entityId: grant.id,
      data: { requestId: grant.requestId, userId: grant.userId, reason: input.reason },
    });
    await notify(tx, {
      userId: grant.userId,
      kind: "grant.revoked",
      title: `Revoked: ${describeRequest(grant)}`,
      body: `${actor.name} revoked your exception: ${input.reason}`,
      link: requestLink(grant.requestId),
    });
  });
  invalidatePolicySnapshot();
}
