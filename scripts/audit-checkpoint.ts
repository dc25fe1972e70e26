// `npm run audit:checkpoint`: signs the audit chain head now (Ed25519, AUDIT_SIGNING_KEY), appends it to
// AUDIT_CHECKPOINT_DIR/checkpoints.jsonl and queues the "audit.checkpoint" webhook. The server does the same
// every hour; on the embedded database stop the server first (one process per data folder) or use the
// admin button on /admin/audit.
//   --public-key   print the public key (PEM) that verifies the checkpoints, then exit
//   --generate-key print a new Ed25519 private key (PEM) for AUDIT_SIGNING_KEY, then exit
import { generateKeyPairSync } from "node:crypto";
import { closeDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { keyIdOf, parseSigningKey, publicKeyPem } from "@/lib/audit/checkpoint";
import { publishAuditCheckpoint } from "@/lib/audit/publish-checkpoint";

async function main() {
  if (process.argv.includes("--generate-key")) {
    const { privateKey } = generateKeyPairSync("ed25519");
    process.stdout.write(privateKey.export({ format: "pem", type: "pkcs8" }).toString());
    return;
  }
  if (!env.AUDIT_SIGNING_KEY) throw new Error("set AUDIT_SIGNING_KEY (an Ed25519 private key; `npm run audit:checkpoint -- --generate-key` makes one)");
  const key = parseSigningKey(env.AUDIT_SIGNING_KEY);
  if (process.argv.includes("--public-key")) {
    process.stdout.write(publicKeyPem(key));
    console.error(`key id ${keyIdOf(key)}`);
    return;
  }
  if (!env.AUDIT_CHECKPOINT_DIR) console.warn("AUDIT_CHECKPOINT_DIR is not set: the checkpoint goes to webhooks only.");
  const outcome = await publishAuditCheckpoint();
  if (outcome.status === "empty") console.log("The audit log is empty: nothing to sign yet.");
  else if (outcome.status === "not_configured") throw new Error(outcome.reason);
  else console.log(`Checkpoint at entry #${outcome.checkpoint.seq} (${outcome.checkpoint.hash.slice(0, 16)}…) signed with key ${outcome.checkpoint.keyId}${outcome.file ? `, appended to ${outcome.file}` : ""}; ${outcome.webhooks} webhook deliveries queued.`);
}

main()
  .catch((e) => {
    console.error(`audit:checkpoint: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
