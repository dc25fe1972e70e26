// Prepares the e2e database: refuse anything but a local database, create it (PostgreSQL), reset, migrate,
// seed with SEED_PROFILE=test. Run by `npm run test:e2e` before Playwright starts the servers.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_CHECKPOINT_DIR, E2E_SEED_API_KEY, assertLocalE2eDatabase, e2eDatabaseUrl } from "../e2e/support/e2e-env";
import { createDb } from "../lib/db/create-client";

async function createPostgresDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/**
 * Records the scheduler's hourly audit checkpoint as just run. On a fresh database it would run at the server's
 * first tick, 5 s after start, and go to any webhook endpoint a test had added by then (e2e/admin-notifications.spec.ts
 * counts its endpoint's deliveries). The suite publishes its checkpoints itself.
 */
async function holdHourlyCheckpoint(url: string) {
  const db = createDb(url);
  try {
    const now = new Date();
    await db.prisma.scheduledJobRun.upsert({ where: { name: "audit-checkpoint" }, create: { name: "audit-checkpoint", lastRunAt: now }, update: { lastRunAt: now } });
  } finally {
    await db.close();
  }
}

function run(label: string, args: string[], env: NodeJS.ProcessEnv) {
  const started = Date.now();
  execFileSync("npm", ["run", "--silent", ...args], { stdio: "inherit", env });
  console.log(`e2e-setup: ${label} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  const url = e2eDatabaseUrl();
  assertLocalE2eDatabase(url);
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID")))
    throw new Error(`No production build in ${distDir}/. Build first: NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=${distDir} npx next build`);
  if (!url.startsWith("pglite:")) await createPostgresDatabase(url);

  const env = { ...process.env, DATABASE_URL: url, SEED_PROFILE: "test", SEED_API_KEY: E2E_SEED_API_KEY, NEXT_TELEMETRY_DISABLED: "1" };
  console.log(`e2e-setup: database ${url.replace(/:[^:@/]*@/, ":***@")}`);
  run("reset + migrate", ["db:reset"], env);
  // Checkpoints of the previous run describe a database that no longer exists.
  rmSync(E2E_CHECKPOINT_DIR, { recursive: true, force: true });
  if (existsSync("prisma/seed.ts")) run("seed (SEED_PROFILE=test)", ["db:seed"], env);
  else console.warn("e2e-setup: prisma/seed.ts does not exist yet, so the e2e database is empty and sign-in tests will fail.");
  await holdHourlyCheckpoint(url);
}

main().catch((e) => {
  console.error(`e2e-setup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
