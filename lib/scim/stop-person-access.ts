import "server-only";
import type { Tx } from "@/lib/db/tx";

export const DEACTIVATION_REASON = "The person was deactivated by the identity provider.";

/**
 * Deactivates a person: from now on decisions deny with user_inactive and their grants that are still
 * running are revoked (their requests show as revoked). Usage, requests and audit history stay as they were.
 */
export async function stopPersonAccess(tx: Tx, userId: string, now: Date): Promise<{ revokedGrantIds: string[] }> {
  await tx.user.update({ where: { id: userId }, data: { active: false, deactivatedAt: now } });
  const open = await tx.grant.findMany({ where: { userId, revokedAt: null, validTo: { gt: now } }, select: { id: true, requestId: true } });
  if (open.length) {
    await tx.grant.updateMany({ where: { id: { in: open.map((g) => g.id) }, revokedAt: null }, data: { revokedAt: now, revokeReason: DEACTIVATION_REASON } });
    await tx.exceptionRequest.updateMany({
      where: { id: { in: open.map((g) => g.requestId) }, status: "approved" },
      data: { status: "revoked", decidedAt: now, version: { increment: 1 } },
    });
  }
  return { revokedGrantIds: open.map((g) => g.id) };
}
