// `npm run demo`: migrate and seed the embedded database (first run only), build if needed, start the portal.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "../lib/env";
import { openSqlRunner } from "../lib/database/sql-runner";

const port = process.env.PORT ?? "3000";
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const distDir = process.env.NEXT_DIST_DIR || ".next";
const started = Date.now();

function step(label: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status}). Fix the message above and run npm run demo again.`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** A stable secret for the demo so sessions survive restarts; production sets NEXTAUTH_SECRET itself. */
function demoSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(".data", { recursive: true });
  const file = path.join(".data", "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function newestSourceTime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(p);
      } else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  for (const f of ["package.json", "next.config.ts", "prisma/schema.prisma"]) if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

async function isSeeded(): Promise<boolean> {
  const db = await openSqlRunner(databaseUrl);
  try {
    const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`);
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await db.close();
  }
}

async function main() {
  const env = { DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  step("Applying database migrations", "npx", ["--no-install", "tsx", "scripts/db.ts", "migrate"], env);
  if (await isSeeded()) console.log("\nDemo data already present (run `npm run db:seed` to top it up, `npm run db:reset` to start over).");
  else step("Seeding demo data (first run only)", "npm", ["run", "--silent", "db:seed"], env);

  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceTime(["app", "components", "lib", "public"])) {
    step("Building the portal", "npx", ["--no-install", "next", "build"], env);
  } else console.log("\nBuild is up to date.");

  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(0)} s. Open ${url} and sign in as a demo account:`);
  console.log("  engineer@example.com · manager@example.com · legal@example.com · admin@example.com\n");
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "-p", port], {
    stdio: "inherit",
    env: { ...process.env, ...env, NODE_ENV: "production", NEXTAUTH_SECRET: demoSecret(), NEXTAUTH_URL: url, DEMO_SIGNIN: process.env.DEMO_SIGNIN ?? "true" },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
