// The same work without HTTP: decide() and ingestUsageEvents() called directly, to separate Guardrail's own
// cost from the web server's. Run: DATABASE_URL=... npx tsx --conditions=react-server bench/in-process.ts
import { closeDb } from "@/lib/db/client";
import { decide } from "@/lib/policy/decide";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { sampleUsageShape } from "./support";

async function main() {
  const shape = await sampleUsageShape(20_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);

  const latencies: number[] = [];
  let i = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const e = shape[i++ % shape.length];
        const s = performance.now();
        await decide({ user: e.user, tool: e.tool, activity: e.activity, project: e.project, estimatedTokens: i % 5 === 0 ? 1000 : undefined }, { reserve: true });
        latencies.push(performance.now() - s);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.floor(p * latencies.length)].toFixed(2);
  console.log(`decide() in process: ${Math.round(latencies.length / ((performance.now() - t0) / 1000)).toLocaleString("en-US")}/s | p50 ${q(0.5)} ms | p99 ${q(0.99)} ms`);

  const run = `p${Date.now().toString(36)}`;
  let n = 0;
  const batch = () =>
    Array.from({ length: 1000 }, () => {
      const e = shape[n++ % shape.length];
      return { id: `${run}-${n}`, occurredAt: new Date(Date.now() - (n % 7200) * 1000).toISOString(), ...e, project: e.project ?? undefined };
    });
  let accepted = 0;
  const t1 = performance.now();
  const stop = t1 + seconds * 1000;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (performance.now() < stop) accepted += (await ingestUsageEvents(batch())).accepted;
    }),
  );
  console.log(`ingestUsageEvents() in process, 4 batches of 1000 at a time: ${Math.round(accepted / ((performance.now() - t1) / 1000)).toLocaleString("en-US")} events/s`);
}

main().finally(() => closeDb());
