// Ingestion benchmark: POST /api/v1/usage-events through `npm start`'s server (one worker per core on PostgreSQL: Fastify for /api/v1 in front of Next.js) in batches of 1,000 events (new ids,
// the seeded usage's people, tools, activities, projects and token sizes, timed within the last hours).
// Run: DATABASE_URL=... SEED_API_KEY=... npx tsx bench/ingest.ts   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_BATCH, BENCH_URL)
import { benchConfig, httpPoster, printStats, runClosedLoop, sampleUsageShape, startServer } from "./support";

const BATCH = Number(process.env.BENCH_BATCH ?? 1000);

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the ingest scope.");
  const shape = await sampleUsageShape(20_000);
  const run = `b${Date.now().toString(36)}`;
  let n = 0;
  const batchBody = () => {
    const now = Date.now();
    const events = Array.from({ length: BATCH }, () => {
      const e = shape[n % shape.length];
      n++;
      return { id: `${run}-${n}`, occurredAt: new Date(now - (n % 7200) * 1000).toISOString(), ...e, project: e.project ?? undefined, source: "bench" };
    });
    return JSON.stringify(events);
  };
  const server = await startServer();
  const headers = { Authorization: `Bearer ${benchConfig.apiKey}`, "Content-Type": "application/json" };
  const post = httpPoster(server.url, headers, benchConfig.concurrency);
  const send = () => post("/api/v1/usage-events", batchBody());
  try {
    await runClosedLoop(Math.min(4, benchConfig.concurrency), 3000, send); // warm-up
    server.resetPeak();
    const stats = await runClosedLoop(benchConfig.concurrency, benchConfig.durationMs, send);
    printStats(`ingestion (${benchConfig.databaseUrl.split(":")[0]}, ${benchConfig.concurrency} connections, batches of ${BATCH})`, stats, "events", {
      batch: BATCH,
      workers: server.workers,
      "peak RSS MB (all / largest process)": `${server.peakRssMb()} / ${server.peakProcessRssMb()}`,
      "server CPU ms per 1000 events": ((server.cpuSecondsSinceReset() * 1000 * 1000) / (stats.requests * BATCH)).toFixed(1),
    });
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
