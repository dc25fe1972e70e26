// Decision benchmark, through `npm start`'s server (one worker per core on PostgreSQL: Fastify for the machine interface
// in front of Next.js), replaying who asks for which tool, activity and project in the seeded usage (a fifth carry
// estimatedTokens, one in 97 names an unknown person: BENCH_RESERVE_EVERY and BENCH_STRANGER_EVERY, 0 for none).
// Four runs on the same server, each printed with the load average:
//   1. baseline: an empty JSON answer through the same server (GET /api/v1/empty, the API's 404 body), closed loop;
//   2. POST /api/v1/decisions, closed loop, BENCH_CONCURRENCY (50) connections (wrk), then the same again with each
//      answer timed by its id, for the percentiles by kind;
//   3. POST /api/v1/decisions, open loop at BENCH_RATE (1,000) requests/s (constant arrival rate, latency from when each
//      request was due), after the empty answer at the same rate as its baseline;
//   4. POST /api/v1/hooks/claude-code (Claude Code's HTTP hook: UserPromptSubmit and PreToolUse), closed loop (wrk).
// Then a targets table. Run: DATABASE_URL=... SEED_API_KEY=... npx tsx --conditions=react-server bench/decisions.ts
// (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_RATE, BENCH_URL, BENCH_WORKERS, BENCH_WARMUP_SECONDS (10); CAP_COUNTER_CACHE=off: every decision reads the
// cap counters from the database, as before lib/caps/cap-counter-cache.ts)
import { decisionMix } from "./decision-mix";
import { BENCH_REQUEST_PREFIX, benchConfig, httpPoster, loadNow, percentiles, printStats, runOpenLoop, runWrk, sampleUsageShape, startPostgresCpuMeter, startServer, type LoadStats, type OpenLoopStats, type WrkRequest } from "./support";

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);

type Row = { target: string; measured: string; ratio: string; pass: boolean | null };

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the decide scope.");
  const shape = await sampleUsageShape();
  const { bodies: decisionBodies, kind } = decisionMix(shape);
  // Each closed-loop decision says in its request id what it is; wrk times each answer by it (runWrk's `timed`).
  const closedPrefix = `${BENCH_REQUEST_PREFIX}closed-`;
  const decisions: WrkRequest[] = decisionBodies.map((body, i) => ({ method: "POST", path: "/api/v1/decisions", headers: { "X-Request-Id": `${closedPrefix}${kind(i)}-${i}` }, body }));
  // The hook as Claude Code sends it (a gateway key names the person in X-Guardrail-User): prompts and tool calls.
  const hooks: WrkRequest[] = shape.map((e, i) => ({
    method: "POST",
    path: "/api/v1/hooks/claude-code",
    headers: { "X-Guardrail-User": e.user, "X-Guardrail-Activity": e.activity, ...(e.project ? { "X-Guardrail-Project": e.project } : {}) },
    body: JSON.stringify({
      session_id: `bench-session-${i % 50}`,
      transcript_path: `/home/dev/.claude/projects/bench/${i % 50}.jsonl`,
      cwd: "/home/dev/src/bench",
      permission_mode: "default",
      ...(i % 2 === 0
        ? { hook_event_name: "UserPromptSubmit", prompt: "Add a test for the cap reservation race" }
        : { hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "npm test" }, tool_use_id: `toolu_${i}` }),
    }),
  }));
  const empty: WrkRequest[] = [{ method: "GET", path: "/api/v1/empty" }];

  const server = await startServer();
  const authorization = `Bearer ${benchConfig.apiKey}`;
  const seconds = benchConfig.durationMs / 1000;
  const post = httpPoster(server.url, { Authorization: authorization, "Content-Type": "application/json" }, 256);
  const label = `${benchConfig.databaseUrl.split(":")[0]}, ${server.workers} worker(s)`;

  // Each run: the server's CPU (launcher and workers) and PostgreSQL's, per request, and the server's peak RSS.
  // (An open loop calls `counting` when its warm-up is over: what the warm-up cost is not counted.)
  const measure = async <T extends LoadStats>(run: (counting: () => void) => Promise<T>) => {
    server.resetPeak();
    let pg = startPostgresCpuMeter(benchConfig.databaseUrl);
    const stats = await run(() => {
      server.resetPeak();
      pg = startPostgresCpuMeter(benchConfig.databaseUrl);
    });
    return {
      stats,
      serverCpuMs: (server.cpuSecondsSinceReset() * 1000) / stats.requests,
      pgCpuMs: (pg.seconds() * 1000) / stats.requests,
      rss: `${server.peakRssMb()} / ${server.peakProcessRssMb()}`,
      peakProcessMb: server.peakProcessRssMb(),
    };
  };
  const extras = (m: Awaited<ReturnType<typeof measure>>) => ({
    workers: server.workers,
    "server CPU ms/request": m.serverCpuMs.toFixed(3),
    "PostgreSQL CPU ms/request": m.pgCpuMs.toFixed(3),
    "peak RSS MB (all / largest process)": m.rss,
  });
  // The open loops' client runs in this process: its CPU per request too.
  const openExtras = (m: Awaited<ReturnType<typeof measure<OpenLoopStats>>>) => ({
    ...extras(m),
    "client CPU ms/request": (m.stats.clientCpuMs / m.stats.requests).toFixed(3),
    "client GC pauses (n / longest ms)": `${m.stats.clientGc.count} / ${m.stats.clientGc.maxMs.toFixed(1)}`,
  });

  try {
    // Warm-up: a fresh server under this load takes about 10 s to reach its steady rate (the JIT's tiers, the heap's
    // growth, caches, pools): bench/decisions-by-kind.ts's rounds and the access log's rate per second show it.
    await runWrk(server.url, decisions, { connections: benchConfig.concurrency, seconds: WARMUP_SECONDS, authorization });
    await runWrk(server.url, hooks, { connections: benchConfig.concurrency, seconds: Math.ceil(WARMUP_SECONDS / 3), authorization });

    const base = await measure(() => runWrk(server.url, empty, { connections: benchConfig.concurrency, seconds }));
    printStats(`baseline: empty JSON answer (${label}, wrk, ${benchConfig.concurrency} connections)`, base.stats, "requests", extras(base));

    const closed = await measure(() => runWrk(server.url, decisions, { connections: benchConfig.concurrency, seconds, authorization }));
    printStats(`decisions, closed loop (${label}, wrk, ${benchConfig.concurrency} connections)`, closed.stats, "decisions", extras(closed));
    // wrk's p99 above is corrected for coordinated omission (made-up samples for slow answers: README "Gateway
    // benchmarks"); the script undoes that correction, which gives the percentiles of the answers wrk timed.
    const asTimed = (p: { n: number; p50: number; p90: number; p99: number }) => `${p.n}: p50 ${p.p50.toFixed(1)} p90 ${p.p90.toFixed(1)} p99 ${p.p99.toFixed(1)} ms`;
    console.log(`  the same decisions' answers as wrk timed them (its correction undone): all ${asTimed(closed.stats.asTimed)}`);
    const closedP99 = closed.stats.asTimed.p99;

    // By kind: the same loop again with each answer timed by its id (bench/wrk-requests.lua's response(), which costs
    // wrk more CPU, so this one runs a little slower). Its "all" beside the histogram's figure checks one against the
    // other.
    const byKind = await runWrk(server.url, decisions, { connections: benchConfig.concurrency, seconds, authorization, timed: true });
    const answered = (k: string) => percentiles([...byKind.timings].filter(([id]) => k === "all" || id.startsWith(`${closedPrefix}${k}-`)).map(([, ms]) => ms));
    const answeredLine = (k: string) => {
      const p = answered(k);
      return `${k} ${p.n}: p50 ${p.p50.toFixed(1)} p90 ${p.p90.toFixed(1)} p99 ${p.p99.toFixed(1)} ms`;
    };
    console.log(
      `  the same mix timed answer by answer (${Math.round(byKind.perSecond)} decisions/s): ${["all", "read", "reserve", "unknown"].map(answeredLine).join(" | ")}; from the histogram: all ${asTimed(byKind.asTimed)}`,
    );
    // Dropped before the open loop, so that the client's garbage collections there do not have them to go through.
    byKind.timings.clear();

    // The open loop's baseline: the same client at the same rate, asking for the empty answer.
    const openBase = await measure((counting) => runOpenLoop(RATE, benchConfig.durationMs, () => post.status("/api/v1/empty", "{}"), { counting }));
    printStats(`baseline: empty JSON answer, open loop at ${RATE}/s (${label}, Node.js constant-rate client)`, openBase.stats, "requests", openExtras(openBase));

    // Each open-loop decision says in its request id what it is (reserve, read, or unknown person), to find its own
    // time in the access log.
    // (The open loop's warm-up names its requests otherwise, so that they are not counted here.)
    const openId = (i: number, counted: boolean) => `${BENCH_REQUEST_PREFIX}${counted ? "open" : "warm"}-${kind(i % decisionBodies.length)}-${i}`;
    const open = await measure((counting) =>
      runOpenLoop(
        RATE,
        benchConfig.durationMs,
        (i, counted) => post.status("/api/v1/decisions", decisionBodies[i % decisionBodies.length], { "X-Request-Id": openId(i, counted) }),
        { counting },
      ),
    );
    printStats(`decisions, open loop at ${RATE}/s (${label}, Node.js constant-rate client)`, open.stats, "decisions", openExtras(open));
    const inServer = await server.takeServerTimes(`${BENCH_REQUEST_PREFIX}open-`);
    const own = (kind: string) => percentiles([...inServer].filter(([id]) => kind === "all" || id.startsWith(`${BENCH_REQUEST_PREFIX}open-${kind}-`)).map(([, ms]) => ms));
    const ownLine = (kind: string) => {
      const p = own(kind);
      return `${kind} ${p.n}: p50 ${p.p50.toFixed(1)} p90 ${p.p90.toFixed(1)} p99 ${p.p99.toFixed(1)} ms`;
    };
    if (inServer.size) console.log(`  the same decisions' time in the server (its access log): ${["all", "reserve", "read"].map(ownLine).join(" | ")}`);

    const hook = await measure(() => runWrk(server.url, hooks, { connections: benchConfig.concurrency, seconds, authorization }));
    printStats(`Claude Code hook calls, closed loop (${label}, wrk, ${benchConfig.concurrency} connections)`, hook.stats, "calls", extras(hook));

    const peak = Math.max(base.peakProcessMb, closed.peakProcessMb, open.peakProcessMb, hook.peakProcessMb);
    const rows: Row[] = [
      { target: "decisions/s, 50 connections, closed loop: >= 3,000/s", measured: `${Math.round(closed.stats.perSecond)}/s`, ratio: `${(closed.stats.perSecond / base.stats.perSecond).toFixed(3)} of the empty route (${Math.round(base.stats.perSecond)}/s)`, pass: closed.stats.perSecond >= 3000 },
      {
        target: "  p99 of the same: <= 15 ms",
        measured: `${closedP99.toFixed(1)} ms (wrk's corrected ${closed.stats.p99.toFixed(1)} ms)`,
        ratio: `empty route p99 ${base.stats.p99.toFixed(1)} ms (wrk's corrected)`,
        pass: closedP99 <= 15,
      },
      {
        target: `decision p99 at ${RATE}/s offered (open loop): <= 5 ms`,
        measured: `${open.stats.p99.toFixed(1)} ms (p50 ${open.stats.p50.toFixed(1)} ms, ${open.stats.errors} errors)`,
        ratio: `empty route p99 ${openBase.stats.p99.toFixed(1)} ms (open loop)${inServer.size ? `; in the server ${own("all").p99.toFixed(1)} ms` : ""}`,
        pass: open.stats.p99 <= 5 && open.stats.errors === 0,
      },
      { target: "hook calls/s: same as decisions", measured: `${Math.round(hook.stats.perSecond)}/s, p99 ${hook.stats.p99.toFixed(1)} ms`, ratio: `${(hook.stats.perSecond / closed.stats.perSecond).toFixed(2)} of decisions`, pass: hook.stats.perSecond >= 3000 },
      { target: "peak RSS, largest process: < 400 MB", measured: `${peak} MB`, ratio: "", pass: peak > 0 ? peak < 400 : null },
    ];
    console.log(`\ntargets (load average now ${loadNow()}):`);
    for (const r of rows) console.log(`  ${r.target.padEnd(52)} ${r.measured.padEnd(40)} ${r.ratio.padEnd(44)} ${r.pass === null ? "n/a" : r.pass ? "PASS" : "FAIL"}`);
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
