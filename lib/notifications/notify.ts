import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/tx";
import { enqueueEmail } from "./outbox";

export type NotifyInput = {
  userId: string;
  /** e.g. "request.submitted", "request.approved", "cap.80" */
  kind: string;
  title: string;
  body: string;
  /** a portal path such as "/requests/<id>" */
  link?: string | null;
  /** unique: a notification with this key is written once ("cap80:<user>:<period>") */
  dedupKey?: string | null;
};

/**
 * Writes an inbox notification inside the caller's transaction, so it exists exactly when the change does.
 * Returns the new id, or null when a notification with the same dedupKey already exists.
 * When SMTP is configured its email copy is queued in the same transaction (the outbox, see outbox-worker.ts).
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<string | null> {
  const id = randomUUID();
  // ON CONFLICT DO NOTHING: a unique violation would abort the caller's whole transaction.
  const { count } = await tx.notification.createMany({
    data: [
      {
        id,
        userId: input.userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        dedupKey: input.dedupKey ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  await enqueueEmail(tx, id, input.kind);
  return id;
}
