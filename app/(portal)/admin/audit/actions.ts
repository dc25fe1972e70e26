"use server";

import { z } from "zod";
import { authedAction } from "@/lib/actions/action-client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { publishAuditCheckpoint } from "@/lib/audit/publish-checkpoint";

export const verifyChainAction = authedAction({ roles: ["legal", "admin"], schema: z.object({}) }, async () => {
  const result = await verifyAuditChain();
  return result.ok
    ? { ok: true, message: `Chain intact: all ${result.entries} entries verified.` }
    : { ok: false, message: `Chain broken: entry #${result.firstBrokenSeq} does not match the entry before it or its own hash. Entries from #${result.firstBrokenSeq} on cannot be trusted.` };
});

/** Signs the chain head now and publishes it (checkpoint file and webhook), as the hourly job does. */
export const publishCheckpointAction = authedAction({ roles: ["admin"], schema: z.object({}) }, async () => {
  const outcome = await publishAuditCheckpoint();
  if (outcome.status === "not_configured") return { ok: false, message: `Checkpoints are not configured: ${outcome.reason}` };
  if (outcome.status === "empty") return { ok: true, message: "The audit log is empty: nothing to sign yet." };
  const where = [outcome.file ? "the checkpoint directory" : null, outcome.webhooks ? `${outcome.webhooks} webhook ${outcome.webhooks === 1 ? "endpoint" : "endpoints"}` : null].filter(Boolean).join(" and ");
  return { ok: true, message: `Checkpoint signed at entry #${outcome.checkpoint.seq} (key ${outcome.checkpoint.keyId})${where ? `, published to ${where}` : ""}.` };
});
