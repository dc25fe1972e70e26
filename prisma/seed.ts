// npm run db:seed — loads the demo data (idempotent). SEED_PROFILE=demo|test, SEED_API_KEY=<gateway key value>,
// SEED_SCIM_TOKEN=<identity provider token value>.
import { closeDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isSeedProfile, runSeed } from "@/lib/seed/run-seed";

async function main() {
  if (!isSeedProfile(env.SEED_PROFILE)) throw new Error(`SEED_PROFILE must be "demo" or "test", not "${env.SEED_PROFILE}".`);
  if (env.SEED_API_KEY !== undefined && env.SEED_API_KEY.length < 20) throw new Error("SEED_API_KEY must be at least 20 characters long.");
  if (env.SEED_SCIM_TOKEN !== undefined && env.SEED_SCIM_TOKEN.length < 20) throw new Error("SEED_SCIM_TOKEN must be at least 20 characters long.");
  if (env.SEED_SCIM_TOKEN !== undefined && env.SEED_SCIM_TOKEN === env.SEED_API_KEY) throw new Error("SEED_SCIM_TOKEN must differ from SEED_API_KEY.");
  const started = performance.now();
  console.log(`Seeding the ${env.SEED_PROFILE} profile into ${env.databaseUrl.replace(/:[^:@/]*@/, ":***@")}`);
  const summary = await runSeed({ profile: env.SEED_PROFILE, apiKey: env.SEED_API_KEY, scimToken: env.SEED_SCIM_TOKEN, log: (line) => console.log(line) });

  const u = summary.usage;
  console.log(`\nUsage up to ${summary.anchor.toISOString()}: ${u.generated.toLocaleString("en-US")} events generated, ${u.accepted.toLocaleString("en-US")} stored now, ${u.duplicates.toLocaleString("en-US")} already there, ${u.skippedDays} days already complete.`);
  if (Object.keys(u.outcomes).length) console.log(`Outcomes of the stored events: ${Object.entries(u.outcomes).map(([k, n]) => `${k} ${n.toLocaleString("en-US")}`).join(", ")}`);
  console.log(`Requests created: ${summary.requestsCreated}.`);
  console.log("\nRows per table:");
  for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(18)} ${n.toLocaleString("en-US").padStart(10)}`);
  if (summary.apiKey.plaintext) {
    console.log(`\nDemo gateway API key (scopes ingest, decide, read). It is shown once; store it now:\n  ${summary.apiKey.plaintext}`);
  } else {
    const action = summary.apiKey.action === "kept" ? "unchanged" : summary.apiKey.action;
    console.log(`\nDemo gateway API key: ${action}${env.SEED_API_KEY ? ", value from SEED_API_KEY" : " (set SEED_API_KEY to choose its value)"}.`);
  }
  if (summary.scimToken !== "none") console.log(`SCIM token (scope scim, value from SEED_SCIM_TOKEN): ${summary.scimToken}.`);
  console.log(`\nSeeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main()
  .catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const missingTable = /does not exist|P2021/.test(message);
    console.error(missingTable ? "db:seed: the database has no tables yet. Run npm run db:migrate first." : `db:seed failed: ${message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
