import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publishEvent } from "@/lib/notifications/outbox";
import { appendCheckpoint, parseSigningKey, signChainHead, type Checkpoint } from "./checkpoint";

export type CheckpointOutcome = { status: "published"; checkpoint: Checkpoint; file: string | null; webhooks: number } | { status: "empty" } | { status: "not_configured"; reason: string };

/**
 * Signs the audit chain head and publishes it outside the database: a JSON line in AUDIT_CHECKPOINT_DIR (when
 * set) and an "audit.checkpoint" webhook through the outbox. Needs AUDIT_SIGNING_KEY.
 */
export async function publishAuditCheckpoint(now = new Date()): Promise<CheckpointOutcome> {
  if (!env.AUDIT_SIGNING_KEY) return { status: "not_configured", reason: "AUDIT_SIGNING_KEY is not set." };
  const key = parseSigningKey(env.AUDIT_SIGNING_KEY);
  const checkpoint = await signChainHead(prisma, key, now);
  if (!checkpoint) return { status: "empty" };
  // The file first: it is the copy an attacker with database access cannot reach.
  const file = env.AUDIT_CHECKPOINT_DIR ? await appendCheckpoint(env.AUDIT_CHECKPOINT_DIR, checkpoint) : null;
  const webhooks = await prisma.$transaction((tx) =>
    publishEvent(tx, { type: "audit.checkpoint", summary: `Audit checkpoint: entry #${checkpoint.seq}`, link: "/admin/audit", data: { checkpoint } }, now),
  );
  return { status: "published", checkpoint, file, webhooks };
}
