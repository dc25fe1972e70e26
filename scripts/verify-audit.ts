// `npm run audit:verify`: recomputes the audit log's hash chain and names the first broken entry (exit 1).
// Verifies DATABASE_URL, or the end-to-end database with --e2e (the test command runs it after the journeys).
import { createDb } from "../lib/db-client";
import { DEFAULT_DATABASE_URL } from "../lib/env";
import { verifyAuditChain } from "../lib/audit/verify-audit";
import { e2eDatabaseUrl } from "../e2e/support/e2e-env";

async function main() {
  const url = process.argv.includes("--e2e") ? e2eDatabaseUrl() : process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const db = createDb(url);
  try {
    const result = await verifyAuditChain(db.prisma);
    const where = url.replace(/:[^:@/]*@/, ":***@");
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
