// Fault injection for ingestion (PostgreSQL only; outside the test suite; run as root):
// writers send batches of new events through ingestion (FAULTS_PATH=group, the default: ingestUsageEventsInGroup, as
// the API does, so batches of the writers are stored in shared transactions; single: ingestUsageEvents, one
// transaction per batch) and retry each batch until it is answered,
// while this script stops and starts the PostgreSQL cluster under them. At the end every acknowledged event
// must be stored exactly once, and the daily rollups and cap counters must equal a recount from raw events.
//
// Run: FAULTS_DATABASE_URL=postgresql://guardrail:guardrail@127.0.0.1:5432/postgres FAULTS_CLUSTER="15 main" \
//        npx tsx --conditions=react-server bench/faults.ts
// Knobs: FAULTS_SECONDS (30), FAULTS_WRITERS (6), FAULTS_BATCH (200), FAULTS_EVERY_SECONDS (6),
//        FAULTS_DOWN_SECONDS (2), FAULTS_MODE (fast | immediate | both: alternate; default both), FAULTS_PATH (group | single).
// The cluster is really stopped: point it at a cluster nobody else is using at that moment.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { closeDb, prisma, setDbHandle } from "../lib/db/client";
import { createDb } from "../lib/db/create-client";
import { applyMigrations } from "../lib/database/migrations";
import { openSqlRunner } from "../lib/database/sql-runner";
import { verifyAuditChain } from "../lib/audit/verify-audit";
import { ingestUsageEvents } from "../lib/usage/ingest-events";
import { ingestGroupStats, ingestUsageEventsInGroup } from "../lib/usage/ingest-group";
import { createGatewayFixture } from "../tests/integration/usage/gateway-fixture";
import { recountRollups } from "../tests/integration/reliability/recount";

const cfg = {
  server: process.env.FAULTS_DATABASE_URL ?? "",
  cluster: (process.env.FAULTS_CLUSTER ?? "15 main").split(/\s+/),
  seconds: Number(process.env.FAULTS_SECONDS ?? 30),
  writers: Number(process.env.FAULTS_WRITERS ?? 6),
  batch: Number(process.env.FAULTS_BATCH ?? 200),
  everyMs: Number(process.env.FAULTS_EVERY_SECONDS ?? 6) * 1000,
  downMs: Number(process.env.FAULTS_DOWN_SECONDS ?? 2) * 1000,
  mode: process.env.FAULTS_MODE ?? "both",
  path: process.env.FAULTS_PATH ?? "group",
};
const ingest = cfg.path === "single" ? ingestUsageEvents : ingestUsageEventsInGroup;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = { requestsTried: 0, requestsFailed: 0, batchesAnswered: 0, faultsInjected: 0, gaveUp: 0 };
const acknowledged = new Set<string>();

function pgctl(action: "stop" | "start", mode?: string) {
  const args = [cfg.cluster[0], cfg.cluster[1], action, ...(mode ? ["--", "-m", mode] : [])];
  execFileSync("pg_ctlcluster", args, { stdio: "pipe" });
}

async function waitForServer(url: string) {
  for (let i = 0; i < 120; i++) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await sleep(500);
    }
  }
  throw new Error("PostgreSQL did not come back within 60 s");
}

const TOOLS = [
  { tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" },
  { tool: "claude-code", activity: "training-data-generation", project: "llm-pretraining-data" },
  { tool: "metacode", activity: "product-code", project: "ads-ranking" },
];

/** One writer: sends new batches until the deadline, retrying each one (same ids) until it is answered. */
async function writer(w: number, deadline: number) {
  for (let b = 0; Date.now() < deadline; b++) {
    const events = Array.from({ length: cfg.batch }, (_, k) => ({
      id: `f${w}-${b}-${k}`,
      occurredAt: new Date(Date.now() - k * 1000).toISOString(),
      user: k % 2 ? "engineer@example.com" : "manager@example.com",
      ...TOOLS[(b + k) % TOOLS.length],
      inputTokens: 100 + k,
      outputTokens: 10 + (k % 7),
    }));
    for (let attempt = 0; ; attempt++) {
      stats.requestsTried++;
      try {
        const result = await ingest(events, { apiKeyId: null });
        if (result.rejected.length) throw new Error(`unexpected rejected lines: ${JSON.stringify(result.rejected[0])}`);
        // Answered: every line is stored now (accepted here, or a duplicate of an earlier attempt that committed).
        for (const e of events) acknowledged.add(e.id);
        stats.batchesAnswered++;
        break;
      } catch (error) {
        stats.requestsFailed++;
        if (attempt >= 60) {
          stats.gaveUp++;
          console.error(`writer ${w}: giving up on batch ${b}:`, error);
          break;
        }
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)));
      }
    }
  }
}

async function injector(deadline: number) {
  const modes = cfg.mode === "both" ? ["fast", "immediate"] : [cfg.mode];
  await sleep(Math.min(cfg.everyMs, 3000));
  while (Date.now() + cfg.downMs < deadline) {
    const mode = modes[stats.faultsInjected % modes.length];
    pgctl("stop", mode);
    stats.faultsInjected++;
    console.log(`fault ${stats.faultsInjected}: PostgreSQL stopped (${mode}) for ${cfg.downMs / 1000} s`);
    await sleep(cfg.downMs);
    pgctl("start");
    await sleep(cfg.everyMs);
  }
}

async function main() {
  if (!/^postgres(ql)?:\/\//.test(cfg.server)) throw new Error("Set FAULTS_DATABASE_URL to a PostgreSQL server URL (a role with CREATEDB).");
  const name = `guardrail_faults_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: cfg.server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(cfg.server);
  url.pathname = `/${name}`;
  const runner = await openSqlRunner(url.toString());
  await applyMigrations(runner);
  await runner.close();
  setDbHandle(createDb(url.toString()));
  let failed = false;
  try {
    await createGatewayFixture();
    const deadline = Date.now() + cfg.seconds * 1000;
    console.log(`faults: ${cfg.writers} writers × batches of ${cfg.batch} for ${cfg.seconds} s; cluster ${cfg.cluster.join(" ")} stopped every ${cfg.everyMs / 1000} s`);
    await Promise.all([injector(deadline), ...Array.from({ length: cfg.writers }, (_, w) => writer(w, deadline))]);
    await waitForServer(url.toString());

    const ids = [...acknowledged];
    let stored = 0;
    for (let i = 0; i < ids.length; i += 10_000) stored += await prisma.usageEvent.count({ where: { externalId: { in: ids.slice(i, i + 10_000) } } });
    const total = await prisma.usageEvent.count();
    const recount = await recountRollups();
    const audit = await verifyAuditChain(prisma);
    const figures = {
      "requests tried": stats.requestsTried,
      "requests failed (retried)": stats.requestsFailed,
      "batches given up": stats.gaveUp,
      "faults injected": stats.faultsInjected,
      "ingestion path": cfg.path === "single" ? "one transaction per batch" : `groups (${ingestGroupStats().groups} groups of ${ingestGroupStats().requests} batches, ${ingestGroupStats().retriedAlone} retried alone)`,
      "events acknowledged": acknowledged.size,
      "events stored": total,
      "events lost": acknowledged.size - stored,
      "events stored twice": recount.duplicateExternalIds,
      "stored but never acknowledged": total - stored,
      "daily rollup mismatches": recount.daily.mismatches.length,
      "monthly rollup mismatches": recount.monthly.mismatches.length,
      "cap counter mismatches": recount.caps.mismatches.length,
      "audit chain": audit.ok ? `ok (${audit.entries} entries)` : `broken at #${audit.firstBrokenSeq}`,
    };
    console.table(figures);
    failed =
      acknowledged.size !== stored || recount.duplicateExternalIds > 0 || recount.daily.mismatches.length > 0 || recount.monthly.mismatches.length > 0 || recount.caps.mismatches.length > 0 || !audit.ok || stats.gaveUp > 0;
    if (recount.daily.mismatches.length || recount.monthly.mismatches.length || recount.caps.mismatches.length)
      console.error("first mismatches:", recount.daily.mismatches.slice(0, 3), recount.monthly.mismatches.slice(0, 3), recount.caps.mismatches.slice(0, 3));
  } finally {
    await closeDb();
    await waitForServer(cfg.server);
    const drop = new pg.Client({ connectionString: cfg.server });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  }
  console.log(failed ? "FAIL: something acknowledged was lost or counted wrong" : "PASS: nothing lost, nothing counted twice, rollups and caps equal a recount");
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  // Never leave the cluster down.
  try {
    pgctl("start");
  } catch {
    // already running
  }
  process.exit(1);
});
