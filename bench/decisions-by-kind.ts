// Where the decisions' closed-loop p99 comes from: the closed loop of bench/decisions.ts (wrk, BENCH_CONCURRENCY (50)
// connections, the same mix) with each answer timed by its X-Request-Id (bench/wrk-requests.lua with WRK_TIMINGS),
// split by kind: decisions that reserve, that only read, and that name an unknown person; as the client saw them and
// in the server (its access log). BENCH_ROUNDS (3) rounds of BENCH_SECONDS after a warm-up of BENCH_WARMUP_SECONDS
// (10), on one server. Timing each answer costs wrk more CPU than bench/decisions.ts's plain replay, so the totals here
// run a little below that benchmark's.
// Run: DATABASE_URL=... SEED_API_KEY=... npx tsx --conditions=react-server bench/decisions-by-kind.ts
import { decisionMix, type DecisionKind } from "./decision-mix";
import { BENCH_REQUEST_PREFIX, benchConfig, loadNow, percentiles, runWrk, sampleUsageShape, startServer, type WrkRequest } from "./support";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const KINDS: (DecisionKind | "all")[] = ["all", "read", "reserve", "unknown"];

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the decide scope.");
  const { bodies, kind } = decisionMix(await sampleUsageShape());
  const prefix = `${BENCH_REQUEST_PREFIX}kind-`;
  const requests: WrkRequest[] = bodies.map((body, i) => ({ method: "POST", path: "/api/v1/decisions", headers: { "X-Request-Id": `${prefix}${kind(i)}-${i}` }, body }));
  const server = await startServer();
  const authorization = `Bearer ${benchConfig.apiKey}`;
  const seconds = benchConfig.durationMs / 1000;
  const line = (label: string, times: Map<string, number>, k: DecisionKind | "all") => {
    const p = percentiles([...times].filter(([id]) => k === "all" || id.startsWith(`${prefix}${k}-`)).map(([, ms]) => ms));
    return `${label} ${k} ${p.n}: p50 ${p.p50.toFixed(1)} p90 ${p.p90.toFixed(1)} p99 ${p.p99.toFixed(1)} ms`;
  };
  try {
    await runWrk(server.url, requests, { connections: benchConfig.concurrency, seconds: WARMUP_SECONDS, authorization });
    for (let round = 1; round <= ROUNDS; round++) {
      server.resetPeak();
      const s = await runWrk(server.url, requests, { connections: benchConfig.concurrency, seconds, authorization, timed: true });
      const inServer = await server.takeServerTimes(prefix);
      console.log(
        `round ${round}: ${Math.round(s.perSecond).toLocaleString("en-US")} decisions/s, wrk p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} max ${s.max.toFixed(0)} ms, ${s.errors} errors (${server.workers} workers, ${benchConfig.concurrency} connections, load ${loadNow()})`,
      );
      for (const k of KINDS) console.log(`  ${line("client", s.timings, k).padEnd(56)} | ${line("server", inServer, k)}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
