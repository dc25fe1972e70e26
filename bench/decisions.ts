// Decision benchmark: POST /api/v1/decisions through `npm start`'s server (one worker per core on PostgreSQL: Fastify for /api/v1 in front of Next.js), 50 concurrent connections, replaying
// who asks for which tool, activity and project in the seeded usage (a fifth carry estimatedTokens).
// Run: DATABASE_URL=... SEED_API_KEY=... npx tsx bench/decisions.ts   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_URL)
import { benchConfig, httpPoster, printStats, runClosedLoop, sampleUsageShape, startServer } from "./support";

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the decide scope.");
  const shape = await sampleUsageShape();
  // Unknown people and tools are part of real traffic too.
  const bodies = shape.map((e, i) =>
    JSON.stringify({
      user: i % 97 === 0 ? `stranger${i}@example.com` : e.user,
      tool: e.tool,
      activity: e.activity,
      project: e.project ?? undefined,
      estimatedTokens: i % 5 === 0 ? Math.min(2000, e.inputTokens) : undefined,
    }),
  );
  const server = await startServer();
  const headers = { Authorization: `Bearer ${benchConfig.apiKey}`, "Content-Type": "application/json" };
  const post = httpPoster(server.url, headers, benchConfig.concurrency);
  const send = (i: number) => post("/api/v1/decisions", bodies[i % bodies.length]);
  try {
    await runClosedLoop(benchConfig.concurrency, 3000, send); // warm-up: JIT, caches, pool
    server.resetPeak();
    const stats = await runClosedLoop(benchConfig.concurrency, benchConfig.durationMs, send);
    printStats(`decisions (${benchConfig.databaseUrl.split(":")[0]}, ${benchConfig.concurrency} connections)`, stats, "decisions", {
      workers: server.workers,
      "peak RSS MB (all / largest process)": `${server.peakRssMb()} / ${server.peakProcessRssMb()}`,
      "server CPU ms per decision": ((server.cpuSecondsSinceReset() * 1000) / stats.requests).toFixed(3),
    });
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
