import "server-only";
import type { Tx } from "@/lib/db/tx";
import { notify } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/notifications/outbox";

type Message = { title: string; body: string; link: string };

/** Tells every active legal reviewer (except `exclude`) that a request waits on them. */
export async function notifyLegalReviewers(tx: Tx, message: Message, exclude: string[] = []): Promise<void> {
  // Raw on purpose: Prisma's `roles: { has: "legal" }` on an enum array fails on the PGlite adapter
  // ("malformed array literal").
  const reviewers = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "active" AND 'legal'::"Role" = ANY("roles") ORDER BY "id"`;
  const recipients = reviewers.filter((x) => !exclude.includes(x.id));
  for (const r of recipients) await notify(tx, { userId: r.id, kind: "request.legal_review", ...message });
  await publishWaiting(tx, "legal", message, recipients.length);
}

/** Tells the requester's manager that a request waits on them. */
export async function notifyManager(tx: Tx, managerId: string | null, message: Message): Promise<void> {
  if (!managerId) return;
  await notify(tx, { userId: managerId, kind: "request.manager_review", ...message });
  await publishWaiting(tx, "manager", message, 1);
}

/** The organisation-level "request waiting" event (Slack, webhooks). */
async function publishWaiting(tx: Tx, stage: "manager" | "legal", message: Message, recipients: number) {
  await publishEvent(tx, { type: "request.waiting", summary: `Waiting for the ${stage} decision: ${message.title}`, link: message.link, data: { stage, step: "submitted", title: message.title, recipients } });
}
