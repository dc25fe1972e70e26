// Ingestion benchmark: POST /api/v1/usage-events through `npm start`'s server (one worker per core on PostgreSQL: Fastify
// for the machine interface in front of Next.js) in batches of 1,000 events (new ids, the seeded usage's people, tools,
// activities, projects and token sizes, timed within the last hours), then, as the baseline, a raw COPY of the same
// number of rows of the same shape into a plain table of the same database (no index, no key, same columns as
// UsageEvent), with as many connections as the server ingests at once (INGEST_CONCURRENCY).
// Each figure is printed with the load average, the server's CPU and PostgreSQL's CPU per 1,000 events.
// Each run works on a fresh copy of DATABASE_URL (CREATE DATABASE … TEMPLATE, dropped at the end): a run adds some
// 400,000 events dated in the last two hours, and the next run on the same database inserts among them, slower; with
// copies, runs of old and new code start from the same data. BENCH_SAME_DATABASE=1 ingests into DATABASE_URL itself.
// Run: DATABASE_URL=... SEED_API_KEY=... npx tsx --conditions=react-server bench/ingest.ts
// (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_BATCH, BENCH_URL, BENCH_WORKERS, BENCH_SAME_DATABASE)
import { Pool } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { createScratchCopy } from "./scratch-database";
import { benchConfig, httpPoster, loadNow, printStats, runClosedLoop, sampleUsageShape, startPostgresCpuMeter, startServer } from "./support";

const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const INGEST_CONCURRENCY = Number(process.env.INGEST_CONCURRENCY ?? 4);

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the ingest scope.");
  if (!benchConfig.databaseUrl.startsWith("postgres")) throw new Error("The COPY baseline needs PostgreSQL: set DATABASE_URL to a seeded PostgreSQL database.");
  const copy = process.env.BENCH_SAME_DATABASE === "1" || benchConfig.url ? null : await createScratchCopy(benchConfig.databaseUrl, "ingest");
  if (copy) benchConfig.databaseUrl = copy.url;
  try {
    await run();
  } finally {
    await copy?.drop();
  }
}

async function run() {
  const shape = await sampleUsageShape(20_000);
  const run = `b${Date.now().toString(36)}`;
  let n = 0;
  const batchEvents = () => {
    const now = Date.now();
    return Array.from({ length: BATCH }, () => {
      const e = shape[n % shape.length];
      n++;
      return { id: `${run}-${n}`, occurredAt: new Date(now - (n % 7200) * 1000).toISOString(), ...e, project: e.project ?? undefined, source: "bench" };
    });
  };
  const server = await startServer();
  const headers = { Authorization: `Bearer ${benchConfig.apiKey}`, "Content-Type": "application/json" };
  const post = httpPoster(server.url, headers, benchConfig.concurrency);
  const send = () => post("/api/v1/usage-events", JSON.stringify(batchEvents()));
  let ingestPerSecond = 0;
  try {
    await runClosedLoop(Math.min(4, benchConfig.concurrency), 3000, send); // warm-up
    server.resetPeak();
    const pg = startPostgresCpuMeter(benchConfig.databaseUrl);
    const stats = await runClosedLoop(benchConfig.concurrency, benchConfig.durationMs, send);
    const events = stats.requests * BATCH;
    ingestPerSecond = stats.perSecond * BATCH;
    printStats(`ingestion (${benchConfig.databaseUrl.split(":")[0]}, ${benchConfig.concurrency} connections, batches of ${BATCH})`, stats, "events", {
      batch: BATCH,
      workers: server.workers,
      "peak RSS MB (all / largest process)": `${server.peakRssMb()} / ${server.peakProcessRssMb()}`,
      "server CPU ms per 1000 events": ((server.cpuSecondsSinceReset() * 1000 * 1000) / events).toFixed(1),
      "PostgreSQL CPU ms per 1000 events": ((pg.seconds() * 1000 * 1000) / events).toFixed(1),
    });
  } finally {
    await server.stop();
  }

  // The baseline: the same rows (ids resolved the way ingestion stores them) COPYed into a plain table.
  const pool = new Pool({ connectionString: benchConfig.databaseUrl, max: INGEST_CONCURRENCY });
  const table = `bench_copy_${process.pid}`;
  try {
    await pool.query(`CREATE TABLE "${table}" (LIKE "UsageEvent" INCLUDING DEFAULTS)`);
    const users = new Map((await pool.query<{ email: string; id: string }>(`SELECT "email", "id" FROM "User"`)).rows.map((r) => [r.email, r.id]));
    const tools = new Map((await pool.query<{ slug: string; id: string }>(`SELECT "slug", "id" FROM "Tool"`)).rows.map((r) => [r.slug, r.id]));
    const activities = new Map((await pool.query<{ slug: string; id: string }>(`SELECT "slug", "id" FROM "Activity"`)).rows.map((r) => [r.slug, r.id]));
    const projects = new Map((await pool.query<{ key: string; id: string }>(`SELECT "key", "id" FROM "Project"`)).rows.map((r) => [r.key, r.id]));
    const copyBatch = async () => {
      const text =
        batchEvents()
          .map((e) =>
            [randomUUID(), e.id, e.occurredAt, users.get(e.user), tools.get(e.tool), e.project ? (projects.get(e.project) ?? "\\N") : "\\N", activities.get(e.activity), e.inputTokens, e.outputTokens, "0.01", "allowed", e.source].join("\t"),
          )
          .join("\n") + "\n";
      const client = await pool.connect();
      try {
        await pipeline(
          Readable.from([text]),
          client.query(copyFrom(`COPY "${table}" ("id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens", "outputTokens", "costUsd", "outcome", "source") FROM STDIN`)),
        );
      } finally {
        client.release();
      }
      return { status: 200, body: "" };
    };
    await runClosedLoop(INGEST_CONCURRENCY, 2000, copyBatch); // warm-up
    const pg = startPostgresCpuMeter(benchConfig.databaseUrl);
    const stats = await runClosedLoop(INGEST_CONCURRENCY, benchConfig.durationMs, copyBatch);
    printStats(`baseline: raw COPY into a plain table (${INGEST_CONCURRENCY} connections, batches of ${BATCH})`, stats, "events", {
      batch: BATCH,
      "PostgreSQL CPU ms per 1000 events": ((pg.seconds() * 1000 * 1000) / (stats.requests * BATCH)).toFixed(1),
    });
    const copyPerSecond = stats.perSecond * BATCH;
    console.log(`\ntargets (load average now ${loadNow()}):`);
    console.log(
      `  ingested events/s, batches of ${BATCH}: >= 20,000/s`.padEnd(54) +
        `${Math.round(ingestPerSecond).toLocaleString("en-US")}/s`.padEnd(14) +
        `${(ingestPerSecond / copyPerSecond).toFixed(3)} of raw COPY (${Math.round(copyPerSecond).toLocaleString("en-US")}/s)`.padEnd(44) +
        (ingestPerSecond >= 20_000 ? "PASS" : "FAIL"),
    );
  } finally {
    await pool.query(`DROP TABLE IF EXISTS "${table}"`);
    await pool.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
