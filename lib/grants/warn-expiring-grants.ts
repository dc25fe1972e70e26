import "server-only";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/notifications/outbox";
import { describeRequest, requestLink } from "@/lib/requests/describe-request";

export const GRANT_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Tells each holder once that their grant ends within 7 days (inbox, email, Slack, webhooks), audited.
 * Idempotent: the notification's dedup key is per grant, and nothing is written when it already exists.
 * Returns how many grants were warned about.
 */
export async function warnExpiringGrants(now = new Date(), limit = 500): Promise<number> {
  const due = await prisma.grant.findMany({
    where: { revokedAt: null, validTo: { gt: now, lte: new Date(now.getTime() + GRANT_WARNING_DAYS * DAY_MS) }, request: { status: "approved" } },
    select: {
      id: true,
      userId: true,
      validTo: true,
      requestId: true,
      user: { select: { name: true, email: true } },
      tool: { select: { name: true } },
      activity: { select: { name: true } },
      project: { select: { key: true } },
    },
    orderBy: { validTo: "asc" },
    take: limit,
  });
  let warned = 0;
  for (const grant of due) {
    const what = describeRequest(grant);
    const day = grant.validTo.toISOString().slice(0, 10);
    const sent = await prisma.$transaction(async (tx) => {
      const id = await notify(tx, {
        userId: grant.userId,
        kind: "grant.expiring",
        title: `Ends on ${day}: ${what}`,
        body: `Your exception ends on ${day}. File a new request before then if you still need it.`,
        link: requestLink(grant.requestId),
        dedupKey: `grant-expiring:${grant.id}`,
      });
      if (!id) return false;
      await publishEvent(tx, {
        type: "grant.expiring",
        summary: `${grant.user.name}'s exception ends on ${day}: ${what}`,
        link: requestLink(grant.requestId),
        data: { grantId: grant.id, requestId: grant.requestId, user: grant.user.email, validTo: grant.validTo.toISOString() },
      }, now);
      await appendAudit(tx, { actor: SYSTEM_ACTOR, action: "grant.expiry_warned", entityType: "grant", entityId: grant.id, data: { validTo: grant.validTo } });
      return true;
    });
    if (sent) warned++;
  }
  return warned;
}
