import "server-only";
import type { Tx } from "@/lib/db/tx";
import { notify } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/notifications/outbox";
import type { ViolationGroup } from "./store-events";

/**
 * A new critical review item (e.g. an external tool on a training-data project) is announced at once: to each
 * legal reviewer's inbox (and email) and as a "violation.critical" event (Slack, webhooks), in the ingestion
 * transaction. One item per person, tool, project and day, so a bad session is one announcement.
 */
export async function publishCriticalViolations(tx: Tx, items: { id: string; groupKey: string }[], groups: ViolationGroup[]) {
  const byKey = new Map(groups.map((g) => [g.groupKey, g]));
  // Raw on purpose: `roles: { has: "legal" }` on an enum array fails on the PGlite adapter.
  const legal = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") ORDER BY "id"`;
  for (const item of items) {
    const group = byKey.get(item.groupKey);
    const title = `Critical violation: ${group?.title ?? item.groupKey}`;
    const link = `/review/${item.id}`;
    for (const person of legal) {
      await notify(tx, { userId: person.id, kind: "violation.critical", title, body: "A new critical violation is in the review queue.", link, dedupKey: `violation-critical:${item.id}:${person.id}` });
    }
    await publishEvent(tx, {
      type: "violation.critical",
      summary: title,
      link,
      data: { reviewItemId: item.id, userId: group?.userId ?? null, toolId: group?.toolId ?? null, projectId: group?.projectId ?? null, day: group?.day ?? null, clauseIds: group?.clauseIds ?? [] },
    });
  }
}
