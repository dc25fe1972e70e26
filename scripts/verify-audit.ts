// `npm run audit:verify`: recomputes the audit log's hash chain and names the first broken entry (exit 1).
// Verifies DATABASE_URL, or the end-to-end database with --e2e (the test command runs it after the journeys).
// `--checkpoints <dir>` also proves the database still matches every checkpoint published there (signed with
// the key whose public half is given by `--public-key <file>`, AUDIT_CHECKPOINT_PUBLIC_KEY, or derived from
// AUDIT_SIGNING_KEY; with --e2e the e2e server's test key), and names the first checkpoint that does not.
import { readFile } from "node:fs/promises";
import { createDb } from "../lib/db/create-client";
import { DEFAULT_DATABASE_URL } from "../lib/env";
import { verifyAuditChain } from "../lib/audit/verify-audit";
import { keyIdOf, parseVerifyKey, verifyCheckpoints } from "../lib/audit/checkpoint";
import { E2E_AUDIT_SIGNING_KEY, e2eDatabaseUrl } from "../e2e/support/e2e-env";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

async function verifyKeyText(): Promise<string> {
  const file = option("--public-key");
  if (file) return readFile(file, "utf8");
  const text = process.env.AUDIT_CHECKPOINT_PUBLIC_KEY || process.env.AUDIT_SIGNING_KEY || (process.argv.includes("--e2e") ? E2E_AUDIT_SIGNING_KEY : undefined);
  if (!text) throw new Error("give the checkpoints' public key: --public-key <file>, AUDIT_CHECKPOINT_PUBLIC_KEY, or AUDIT_SIGNING_KEY");
  return text;
}

async function main() {
  const url = process.argv.includes("--e2e") ? e2eDatabaseUrl() : process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const checkpointDir = option("--checkpoints");
  const publicKey = checkpointDir ? parseVerifyKey(await verifyKeyText()) : null;
  const db = createDb(url);
  try {
    const where = url.replace(/:[^:@/]*@/, ":***@");
    if (checkpointDir && publicKey) {
      const verdict = await verifyCheckpoints(db.prisma, checkpointDir, publicKey);
      if (verdict.ok) {
        console.log(`Audit chain intact: ${verdict.entries} entries verified (${where}); it matches all ${verdict.checkpoints} checkpoints in ${checkpointDir} (key ${keyIdOf(publicKey)}).`);
      } else {
        const which = verdict.line ? `Checkpoint ${verdict.file}:${verdict.line} (entry #${verdict.seq}, signed ${verdict.at})` : "The chain";
        console.error(`${which} does not match the database (${where}): ${verdict.reason}. ${verdict.checkpoints} earlier checkpoints matched.`);
        process.exitCode = 1;
      }
      return;
    }
    const result = await verifyAuditChain(db.prisma);
    if (result.ok) console.log(`Audit chain intact: ${result.entries} entries verified (${where}).`);
    else {
      console.error(`Audit chain broken at entry ${result.firstBrokenSeq} (${where}): its content, link or sequence does not match.`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`audit:verify: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
