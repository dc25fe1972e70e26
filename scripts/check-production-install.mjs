// Proves the production install (CI runs it from .ci/run; plain `node`, no TypeScript):
//   1. `npm run build` (Next.js, then the server bundles in dist/), here;
//   2. copies what a production install ships to a temporary folder (package files, node_modules, the Next.js
//      build without its cache, dist/, prisma/ with the migrations, lib/otlp/proto) and removes the dev
//      dependencies there with `npm prune --omit=dev`; checks tsx, typescript, vitest, playwright, esbuild and
//      prisma's CLI are gone;
//   3. creates a fresh PostgreSQL database and migrates it with `npm run db:deploy` from the copy;
//      and runs the operator tools from the copy (db status, audit verify, outbox delivery, audit checkpoint);
//   4. adds one API key with the decide scope to it (SQL, as the key is stored: its SHA-256);
//   5. starts `npm start` in the copy with NODE_ENV=production (two workers), waits for GET /api/health to answer
//      200 and checks the security headers, HSTS included, set at run time from PUBLIC_URL (https here; the build
//      did not know it);
//   6. asks one decision through POST /api/v1/decisions with that key and checks the answer: the fresh database
//      knows nobody, so it is a 200 `deny` with the reason `unknown_user` (fail closed);
//   7. stops the server with SIGTERM and checks it exits cleanly (143, the launcher's code for SIGTERM, after
//      every worker drained), then drops the database and the folder.
// Every step prints what it did and how long it took; any failure prints the server's output and exits 1.
//
//   PRODUCTION_CHECK_DATABASE_URL=postgresql://user:pass@127.0.0.1:5432/postgres node scripts/check-production-install.mjs
//     the user must be allowed to CREATE DATABASE (the database is named guardrail_prodcheck_<time>_<pid>);
//   PRODUCTION_CHECK_SKIP_BUILD=1  reuse dist/ and the Next.js build already made by `npm run build`;
//   PRODUCTION_CHECK_KEEP=1        keep the temporary folder and the database (for a look after a failure).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[production check ${seconds(Date.now() - started)}] ${message}`);

class CheckFailed extends Error {}
const fail = (message) => {
  throw new CheckFailed(message);
};

/** Runs a command, streaming its output with a prefix; rejects with its exit code. */
function run(command, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t = Date.now();
    say(`$ ${[command, ...args].join(" ")}${opts.cwd && opts.cwd !== root ? `   (in ${opts.cwd})` : ""}`);
    const child = spawn(command, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) {
        say(`  done in ${seconds(Date.now() - t)}`);
        resolve();
      } else reject(new CheckFailed(`${command} ${args.join(" ")} exited with ${signal ?? code}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function sql(url, text, values) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

// What a production install ships, relative to the app's folder (the Next.js build's cache is left out).
const SHIPPED = ["package.json", "package-lock.json", ".next", "dist", "prisma", "lib/otlp/proto", "node_modules"];
// Dev dependencies that must not be needed at run time, checked absent after pruning.
const DEV_ONLY = ["tsx", "typescript", "vitest", "@playwright/test", "esbuild", "prisma", "@prisma/schema-engine-wasm", "eslint"];

async function main() {
  const adminUrl = process.env.PRODUCTION_CHECK_DATABASE_URL;
  if (!adminUrl) fail("set PRODUCTION_CHECK_DATABASE_URL to a PostgreSQL server URL whose user may CREATE DATABASE");
  const keep = process.env.PRODUCTION_CHECK_KEEP === "1";
  const cleanups = [];
  let server = null;
  let serverOutput = "";

  try {
    // The database server first: a wrong URL fails in a second, not after the build.
    await sql(adminUrl, "SELECT 1").catch((error) => fail(`cannot reach PRODUCTION_CHECK_DATABASE_URL (${adminUrl.replace(/:[^:@/]*@/, ":***@")}): ${error.message}`));

    // 1. Build.
    if (process.env.PRODUCTION_CHECK_SKIP_BUILD === "1") {
      say("PRODUCTION_CHECK_SKIP_BUILD=1: reusing the existing build");
    } else {
      // The build must not depend on the public URL (HSTS is set at run time): build without one.
      const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
      for (const name of ["PUBLIC_URL", "NEXTAUTH_URL", "NEXT_DIST_DIR", "DATABASE_URL"]) delete env[name];
      await run("npm", ["run", "build"], { env });
    }
    for (const file of [".next/BUILD_ID", "dist/start.js", "dist/server.js", "dist/db.js"])
      if (!existsSync(path.join(root, file))) fail(`${file} is missing: run npm run build first`);

    // 2. Copy what ships, then prune the dev dependencies there. node_modules is copied as hard links where the
    // folder is on the same file system (seconds instead of a minute; pruning only unlinks), with its own copy of
    // the one file npm rewrites in place (node_modules/.package-lock.json).
    const work = mkdtempSync(path.join(tmpdir(), "guardrail-production-"));
    if (!keep) cleanups.push(() => (rmSync(work, { recursive: true, force: true }), say(`removed ${work}`)));
    else say(`PRODUCTION_CHECK_KEEP=1: the copy stays in ${work}`);
    const app = path.join(work, "app");
    say(`copying ${SHIPPED.join(", ")} to ${app}`);
    const files = SHIPPED.filter((p) => p !== "node_modules").map((p) => `./${p}`).join(" ");
    await run("bash", [
      "-c",
      `set -e; mkdir -p "$1"; tar -C "$2" --exclude=./.next/cache -cf - ${files} | tar -C "$1" -xf -
       cp -al "$2/node_modules" "$1/node_modules" 2>/dev/null || { rm -rf "$1/node_modules"; cp -a "$2/node_modules" "$1/node_modules"; }
       rm -f "$1/node_modules/.package-lock.json"; cp "$2/node_modules/.package-lock.json" "$1/node_modules/.package-lock.json"`,
      "copy",
      app,
      root,
    ]);
    await run("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], { cwd: app });
    // npm keeps a dev dependency that is also an optional peer dependency of a production package (typescript and
    // prisma of @prisma/client, @playwright/test of next): present, never loaded. Delete them to prove it.
    // (Only those the lockfile marks devOptional: a dev dependency that a production package also needs is no
    // dev dependency at all, e.g. @prisma/driver-adapter-utils of @prisma/adapter-pg.)
    const devDependencies = Object.keys(JSON.parse(readFileSync(path.join(app, "package.json"), "utf8")).devDependencies ?? {});
    const lock = JSON.parse(readFileSync(path.join(app, "package-lock.json"), "utf8")).packages;
    const kept = devDependencies.filter((name) => lock[`node_modules/${name}`]?.devOptional && existsSync(path.join(app, "node_modules", name)));
    if (kept.length) {
      say(`npm prune kept ${kept.length} dev dependencies that production packages name as optional peers (${kept.join(", ")}): deleting them`);
      for (const name of kept) rmSync(path.join(app, "node_modules", name), { recursive: true, force: true });
    }
    const left = DEV_ONLY.filter((name) => existsSync(path.join(app, "node_modules", name)));
    if (left.length) fail(`dev dependencies are still in the copy's node_modules: ${left.join(", ")}`);
    say(`no dev dependency left in the copy (none of ${DEV_ONLY.join(", ")})`);

    // The copy's environment: production, nothing inherited that could point back at the checkout.
    const port = await freePort();
    const dbName = `guardrail_prodcheck_${Date.now()}_${process.pid}`;
    const dbUrl = withDatabase(adminUrl, dbName);
    const baseEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? work,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: dbUrl,
    };

    // 3. A fresh database, migrated from the copy.
    await sql(adminUrl, `CREATE DATABASE "${dbName}"`);
    say(`created database ${dbName}`);
    if (!keep) cleanups.push(() => sql(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).then(() => say(`dropped database ${dbName}`)));
    else say(`PRODUCTION_CHECK_KEEP=1: the database ${dbName} stays`);
    await run("npm", ["run", "db:deploy"], { cwd: app, env: baseEnv });

    // The operator tools run from the copy too (each exits 0 on a fresh, migrated database).
    const toolEnv = { ...baseEnv, PATH: `${path.join(app, "node_modules", ".bin")}:${baseEnv.PATH}` };
    await run("node", ["dist/db.js", "status"], { cwd: app, env: toolEnv });
    await run("node", ["dist/verify-audit.js"], { cwd: app, env: toolEnv });
    await run("node", ["dist/outbox-deliver.js"], { cwd: app, env: toolEnv });
    const signingKey = spawnSync("node", ["dist/audit-checkpoint.js", "--generate-key"], { cwd: app, env: toolEnv, encoding: "utf8" });
    if (signingKey.status !== 0 || !signingKey.stdout.includes("BEGIN PRIVATE KEY")) fail(`node dist/audit-checkpoint.js --generate-key failed: ${signingKey.stderr}`);
    await run("node", ["dist/audit-checkpoint.js"], { cwd: app, env: { ...toolEnv, AUDIT_SIGNING_KEY: signingKey.stdout, AUDIT_CHECKPOINT_DIR: path.join(work, "checkpoints") } });

    // 4. One API key (decide), stored as the portal stores keys: its SHA-256, never the key.
    const key = `grk_${randomBytes(24).toString("base64url")}`;
    await sql(dbUrl, `INSERT INTO "ApiKey" (id, name, prefix, hash, scopes) VALUES ($1, 'production install check', $2, $3, ARRAY['decide'])`, [
      randomUUID(),
      key.slice(0, 10),
      createHash("sha256").update(key).digest("hex"),
    ]);
    say(`added API key ${key.slice(0, 10)}… (scope decide)`);

    // 5. Start it as production does.
    const url = `http://127.0.0.1:${port}`;
    const serverEnv = {
      ...baseEnv,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      NEXTAUTH_URL: url,
      PUBLIC_URL: "https://guardrail.example.test",
      WEB_CONCURRENCY: "2",
      SCHEDULER: "on",
    };
    // `npm start`'s own command, run directly (as npm would: node_modules/.bin first on the PATH, which holds the
    // pinned Node.js where there is one) so the launcher's exit code is seen, not npm's re-raised signal.
    const startCommand = JSON.parse(readFileSync(path.join(app, "package.json"), "utf8")).scripts.start;
    const argv = startCommand.split(/\s+/);
    if (argv[0] !== "node" || argv.some((a) => /tsx|ts-node|\.ts$/.test(a))) fail(`npm start runs "${startCommand}", not plain node on built JavaScript`);
    serverEnv.PATH = `${path.join(app, "node_modules", ".bin")}:${serverEnv.PATH}`;
    argv.push("-p", String(port), "-H", "127.0.0.1");
    say(`$ ${argv.join(" ")}   (npm start, in ${app}; NODE_ENV=production, WEB_CONCURRENCY=2, PUBLIC_URL=${serverEnv.PUBLIC_URL})`);
    const nodeVersion = await new Promise((resolve) => {
      const v = spawn("node", ["--version"], { env: serverEnv, stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      v.stdout.on("data", (c) => (out += c));
      v.on("exit", () => resolve(out.trim()));
    });
    say(`node is ${nodeVersion}`);
    const startAt = Date.now();
    server = spawn(argv[0], argv.slice(1), { cwd: app, env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout.on("data", (c) => (serverOutput += c));
    server.stderr.on("data", (c) => (serverOutput += c));
    const exited = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));

    let health = null;
    for (let i = 0; i < 300 && !health; i++) {
      if (server.exitCode !== null || server.signalCode !== null) fail(`the server exited (${server.signalCode ?? server.exitCode}) before it answered /api/health`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.status === 200) health = res;
      } catch {
        // not listening yet
      }
      if (!health) await new Promise((r) => setTimeout(r, 200));
    }
    if (!health) fail("GET /api/health did not answer 200 within 60 s");
    const body = await health.json();
    if (body.status !== "ok" || body.database?.ok !== true) fail(`GET /api/health answered ${JSON.stringify(body)}`);
    say(`GET /api/health → 200 ${JSON.stringify(body)} after ${seconds(Date.now() - startAt)}`);
    const hsts = health.headers.get("strict-transport-security");
    if (!hsts?.startsWith("max-age=")) fail(`GET /api/health has no Strict-Transport-Security header (PUBLIC_URL is https): ${hsts}`);
    const csp = health.headers.get("content-security-policy") ?? "";
    if (!csp.includes("frame-ancestors 'none'") || csp.includes("unsafe-eval")) fail(`GET /api/health has the wrong Content-Security-Policy: ${csp}`);
    say(`security headers set at run time: Strict-Transport-Security "${hsts}", CSP with frame-ancestors 'none' and no unsafe-eval`);
    // Both workers: the launcher starts the second once the first passed its startup checks.
    const workerPids = () => [...serverOutput.matchAll(/portal and machine interface on \S+ \(pid (\d+)/g)].map((m) => Number(m[1]));
    for (let i = 0; i < 150 && workerPids().length < 2; i++) await new Promise((r) => setTimeout(r, 200));
    const workers = workerPids();
    if (workers.length !== 2) fail(`expected 2 workers serving (WEB_CONCURRENCY=2), saw ${workers.length}`);
    say(`2 workers serving (pids ${workers.join(", ")}) under the launcher (pid ${server.pid})`);

    // 6. One decision.
    const asked = { user: "nobody@example.com", tool: "claude-code", activity: "documentation", project: "infra-ci" };
    const res = await fetch(`${url}/api/v1/decisions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(asked),
    });
    const text = await res.text();
    if (res.status !== 200) fail(`POST /api/v1/decisions answered ${res.status}: ${text}`);
    const decision = JSON.parse(text);
    if (decision.decision !== "deny" || decision.reasons?.[0]?.code !== "unknown_user")
      fail(`POST /api/v1/decisions answered ${text}; expected a deny with unknown_user (the database knows nobody)`);
    say(`POST /api/v1/decisions ${JSON.stringify(asked)} → 200 ${decision.decision} (${decision.reasons[0].code})`);
    const unauthorized = await fetch(`${url}/api/v1/decisions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(asked) });
    if (unauthorized.status !== 401) fail(`POST /api/v1/decisions without a key answered ${unauthorized.status}, not 401`);
    say("the same without a key → 401");

    // 7. SIGTERM: every worker drains, then the launcher exits 143 (its documented code for SIGTERM).
    const stopAt = Date.now();
    server.kill("SIGTERM");
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 40_000).unref());
    const result = await Promise.race([exited, timeout]);
    if (!result) fail("the server did not exit within 40 s of SIGTERM");
    server = null;
    if (result.code !== 143) fail(`the server exited with ${result.signal ?? result.code} after SIGTERM (expected 143: every worker stopped, then the launcher)`);
    if (/"level":"(error|fatal)"/.test(serverOutput)) fail("the server logged an error (see its output below)");
    const alive = workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    if (alive.length) fail(`worker(s) ${alive.join(", ")} still running after the launcher exited`);
    say(`SIGTERM → both workers and the launcher stopped cleanly (exit ${result.code}) in ${seconds(Date.now() - stopAt)}`);
    // The copy shared files with the checkout (hard links): the checkout must still have its dev dependencies.
    if (!existsSync(path.join(root, "node_modules", "tsx", "package.json"))) fail("the checkout's node_modules lost tsx: the copy was not independent");
    say(`PASSED in ${seconds(Date.now() - started)}`);
  } catch (error) {
    if (server) server.kill("SIGKILL");
    console.error(`\n[production check] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof CheckFailed) && error instanceof Error) console.error(error.stack);
    if (serverOutput) console.error(`\n--- the server's output ---\n${serverOutput.trimEnd()}\n--- end of the server's output ---`);
    process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`[production check] cleanup: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    }
  }
}

await main();
