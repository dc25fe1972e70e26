// Shared pieces of the benchmarks: the seed's usage shape, a closed-loop load runner, and the production
// server (`npm start`'s launcher and its workers (scripts/server.ts)) whose memory and CPU are sampled under load.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { writeFileSync, mkdtempSync, readdirSync, openSync, closeSync, readSync, fstatSync, rmSync } from "node:fs";
import path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { createDb } from "../lib/db/create-client";
import { planWorkers } from "../lib/server/worker-plan";

export type ShapeRow = { user: string; tool: string; activity: string; project: string | null; inputTokens: number; outputTokens: number };

export const benchConfig = {
  databaseUrl: process.env.DATABASE_URL ?? "pglite:./.data/pglite",
  port: Number(process.env.BENCH_PORT ?? 3105),
  url: process.env.BENCH_URL ?? null,
  apiKey: process.env.BENCH_API_KEY ?? process.env.SEED_API_KEY ?? "",
  durationMs: Number(process.env.BENCH_SECONDS ?? 15) * 1000,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
};

/** A random sample of the seeded events (who, which tool, what for, how many tokens): the load replays it. */
export async function sampleUsageShape(n = 5000): Promise<ShapeRow[]> {
  const db = createDb(benchConfig.databaseUrl);
  try {
    const rows = await db.prisma.$queryRawUnsafe<ShapeRow[]>(
      `SELECT u."email" AS "user", t."slug" AS "tool", a."slug" AS "activity", p."key" AS "project", e."inputTokens", e."outputTokens"
       FROM "UsageEvent" e JOIN "User" u ON u."id" = e."userId" JOIN "Tool" t ON t."id" = e."toolId"
       JOIN "Activity" a ON a."id" = e."activityId" LEFT JOIN "Project" p ON p."id" = e."projectId"
       ORDER BY random() LIMIT ${Number(n)}`,
    );
    if (!rows.length) throw new Error("No usage events to replay: seed the database first (npm run db:seed).");
    return rows;
  } finally {
    await db.close();
  }
}

export type LoadStats = { requests: number; errors: number; seconds: number; perSecond: number; p50: number; p99: number; max: number; statuses: Record<string, number> };

export type Answer = { status: number; body: string };

/** An open loop's figures, with the client's own CPU time and garbage-collection pauses while it counted. */
export type OpenLoopStats = LoadStats & { clientCpuMs: number; clientGc: { count: number; maxMs: number } };

/**
 * POSTs over node:http with one keep-alive connection per loop: a much lighter client than fetch, so that on a
 * 2-core machine the load generator takes as little as possible of the CPU the server is measured on.
 */
export function httpPoster(baseUrl: string, headers: Record<string, string>, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const request = <T>(path: string, body: string | Buffer, extraHeaders: Record<string, string> | undefined, answer: (res: http.IncomingMessage, resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => {
      const req = http.request({ agent, hostname, port, path, method: "POST", headers: { ...headers, ...extraHeaders, "Content-Length": Buffer.byteLength(body) } }, (res) => answer(res, resolve, reject));
      req.on("error", reject);
      req.end(body);
    });
  const post = (path: string, body: string | Buffer, extraHeaders?: Record<string, string>): Promise<Answer> =>
    request(path, body, extraHeaders, (res, resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
  /** The same POST, answered with the status alone: the body is read and dropped (an open loop's client). */
  post.status = (path: string, body: string | Buffer, extraHeaders?: Record<string, string>): Promise<number> =>
    request(path, body, extraHeaders, (res, resolve, reject) => {
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
      res.resume();
    });
  return post;
}

/** Runs `concurrency` loops that each send the next request as soon as the previous answer arrived. */
export async function runClosedLoop(concurrency: number, durationMs: number, send: (i: number) => Promise<Answer>): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let i = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await send(i++);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status < 200 || res.status > 299) errors++;
        } catch {
          errors++;
          statuses.network = (statuses.network ?? 0) + 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => quantile(latencies, p);
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? 0, statuses };
}

/** The 1-, 5- and 15-minute load averages, printed with every figure: on a shared machine they say what the figure is worth. */
export function loadNow(): string {
  return loadavg().map((x) => x.toFixed(2)).join(" ");
}

export type WrkRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/**
 * A closed loop run by wrk (a C load generator: one thread costs far less CPU than a Node.js client, which matters on 2
 * cores): `connections` keep-alive connections, each sending the next request as soon as the previous answer arrived,
 * cycling through `requests` (bench/wrk-requests.lua). Non-2xx answers are counted in `errors`.
 */
export async function runWrk(
  url: string,
  requests: WrkRequest[],
  opts: { connections: number; seconds: number; authorization?: string; threads?: number; /** time each answer by its X-Request-Id (see the script) */ timed?: boolean },
): Promise<LoadStats & { timings: Map<string, number>; /** percentiles of the answers as wrk timed them, its correction undone (the script's done()) */ asTimed: { n: number; p50: number; p90: number; p99: number } }> {
  const dir = mkdtempSync(path.join(tmpdir(), "guardrail-bench-"));
  const file = path.join(dir, "requests.tsv");
  const clean = (v: string) => v.replace(/[\t\n]/g, " ");
  writeFileSync(
    file,
    requests
      .map((r) => [r.method, r.path, Object.entries(r.headers ?? {}).map(([k, v]) => `${k}: ${clean(v)}`).join("|") || "-", clean(r.body ?? "")].join("\t"))
      .join("\n") + "\n",
  );
  const args = ["-t", String(opts.threads ?? 1), "-c", String(opts.connections), "-d", `${opts.seconds}s`, "--timeout", "10s", "-s", path.join(process.cwd(), "bench/wrk-requests.lua"), url];
  const timingsFile = path.join(dir, "timings.txt");
  const child = spawn(process.env.BENCH_WRK ?? "wrk", args, {
    env: { ...process.env, WRK_REQUESTS: file, WRK_AUTHORIZATION: opts.authorization ?? "", WRK_TIMINGS: opts.timed ? timingsFile : "", WRK_CONNECTIONS: String(opts.connections) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  const line = out.split("\n").find((l) => l.startsWith("{"));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${out}`);
  const w = JSON.parse(line) as { requests: number; seconds: number; non2xx: number; socketErrors: number; p50: number; p99: number; max: number; timed: number; timedP50: number; timedP90: number; timedP99: number };
  // The histogram read back in done() must hold every answer, or its percentiles (the judged closed-loop p99) mean
  // nothing.
  if (w.timed !== w.requests) throw new Error(`wrk's histogram read back ${w.timed} answers of ${w.requests}:\n${out}`);
  // "<request id> <ms>" per answer, when timed
  const timings = new Map<string, number>();
  if (opts.timed) {
    for (const l of readFileSync(timingsFile, "utf8").split("\n")) {
      const at = l.lastIndexOf(" ");
      if (at > 0) timings.set(l.slice(0, at), Number(l.slice(at + 1)));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    timings,
    asTimed: { n: w.timed, p50: w.timedP50, p90: w.timedP90, p99: w.timedP99 },
    requests: w.requests,
    errors: w.non2xx + w.socketErrors,
    seconds: w.seconds,
    perSecond: w.requests / w.seconds,
    p50: w.p50,
    p99: w.p99,
    max: w.max,
    statuses: { non2xx: w.non2xx, socketErrors: w.socketErrors },
  };
}

/** A full garbage collection of this process, on demand (V8's `gc`, exposed at run time). */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

/** How long an open loop runs at its rate before it counts (BENCH_OPEN_WARMUP_SECONDS, 2). */
const OPEN_WARMUP_MS = Number(process.env.BENCH_OPEN_WARMUP_SECONDS ?? 2) * 1000;

/**
 * An open loop: requests leave at a constant rate whatever the server's answers (a new connection when all are busy),
 * and each latency is counted from the moment its request was due, not sent, so a stall shows in the tail instead of
 * slowing the load down (no coordinated omission), the client's own stalls included. Also returns the client's CPU.
 * It first runs at the same rate for `warmupMs` (OPEN_WARMUP_MS) without counting (`send(i, false)`), so that the
 * connections the rate needs are open and the client's code is compiled: otherwise the first tenth of a second, spent
 * opening connections through the server's primary process, lands in the tail. While it counts, the client keeps no
 * object per request (times go into typed arrays), and starts counting after a full garbage collection, so that its
 * own collections stay short.
 */
export async function runOpenLoop(
  rate: number,
  durationMs: number,
  send: (i: number, counted: boolean) => Promise<Answer | number>,
  opts: { warmupMs?: number; /** called once the warm-up is over, when counting starts */ counting?: () => void } = {},
): Promise<OpenLoopStats> {
  const warmupMs = opts.warmupMs ?? OPEN_WARMUP_MS;
  if (warmupMs > 0) await paced(rate, warmupMs, (i) => send(i, false), () => undefined);
  // What the benchmark left behind (a closed loop's answer timings, wrk's output) is collected now rather than in a
  // pause while the open loop counts.
  collectGarbage();
  opts.counting?.();
  const total = Math.round((rate * durationMs) / 1000);
  const latencies = new Float64Array(total);
  const statusOf = new Uint16Array(total);
  const clientGc = { count: 0, maxMs: 0 };
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      clientGc.count++;
      clientGc.maxMs = Math.max(clientGc.maxMs, e.duration);
    }
  });
  gc.observe({ entryTypes: ["gc"] });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await paced(rate, durationMs, (i) => send(i, true), (i, ms, status) => {
    latencies[i] = ms;
    statusOf[i] = status;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  gc.disconnect();
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (const status of statusOf) {
    const key = status === 0 ? "network" : String(status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (status < 200 || status > 299) errors++;
  }
  latencies.sort();
  const q = (p: number) => quantile(latencies, p);
  return {
    requests: total,
    errors,
    seconds,
    perSecond: total / seconds,
    p50: q(0.5),
    p99: q(0.99),
    max: latencies[total - 1] ?? 0,
    statuses,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    clientGc,
  };
}

/** Sends request i at start + i/rate (or at once when late) and reports its latency from when it was due; resolves
 * when every answer is in. A network error is status 0. */
function paced(rate: number, durationMs: number, send: (i: number) => Promise<Answer | number>, record: (i: number, ms: number, status: number) => void): Promise<void> {
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  let outstanding = 0;
  let sending = true;
  return new Promise<void>((resolve) => {
    const answered = (i: number, due: number, status: number) => {
      record(i, performance.now() - due, status);
      if (--outstanding === 0 && !sending) resolve();
    };
    const loop = async () => {
      for (let i = 0; i < total; i++) {
        const planned = started + (i * 1000) / rate;
        const wait = planned - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        // Counted from when it was due; a request that leaves up to a millisecond early (timers are not finer)
        // counts from when it left. A request that leaves late, because the client itself was held up, counts its
        // delay too.
        const due = Math.min(planned, performance.now());
        outstanding++;
        let answer: Promise<Answer | number>;
        try {
          answer = send(i);
        } catch {
          answer = Promise.resolve(0);
        }
        answer.then(
          (a) => answered(i, due, typeof a === "number" ? a : a.status),
          () => answered(i, due, 0),
        );
      }
      sending = false;
      if (outstanding === 0) resolve();
    };
    void loop();
  });
}

function rssKb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return 0;
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(status, "utf8"));
  return m ? Number(m[1]) : 0;
}

function descendants(pid: number): number[] {
  const children = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(children)) return [];
  const ids = readFileSync(children, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return ids.flatMap((c) => [c, ...descendants(c)]);
}

/** p50, p90 and p99 of some figures (0 for none). */
export function percentiles(values: number[]): { n: number; p50: number; p90: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99) };
}

/** The value at quantile `p` of values sorted in ascending order (0 when there are none). */
function quantile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The request id a benchmark sends (X-Request-Id) to find its requests in the server's access log. */
export const BENCH_REQUEST_PREFIX = "bench-";

export type Server = {
  url: string;
  /**
   * The server's own time (the access log's durationMs: from the request's headers parsed to the answer written) of
   * the requests whose X-Request-Id started with `prefix` (itself starting with BENCH_REQUEST_PREFIX), by request id,
   * among those answered since resetPeak() or the last call. Empty for a server the benchmark did not start, or with
   * BENCH_SERVER_LOG.
   */
  takeServerTimes: (prefix: string) => Promise<Map<string, number>>;
  /** how many workers served */
  workers: number;
  stop: () => Promise<void>;
  /** the launcher and all its workers together */
  peakRssMb: () => number;
  /** the largest single process */
  peakProcessRssMb: () => number;
  resetPeak: () => void;
  cpuSecondsSinceReset: () => number;
};

function postgresProcesses(): { pid: string; title: string; seconds: number }[] {
  const out: { pid: string; title: string; seconds: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1].split(" ");
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.push({ pid: entry, title, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * PostgreSQL CPU seconds spent for one database from now on: its connections' backends and the server's shared
 * processes (WAL writer, checkpointer, autovacuum), not other databases' connections; per process, so a connection
 * that closes meanwhile (its time is then unknown) cannot make the figure negative.
 */
export function startPostgresCpuMeter(databaseUrl: string): { seconds: () => number } {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  // a client backend's title: "postgres: 15/main: <user> <database> <host>(<port>) <state>" (or "[local]")
  const otherDatabase = (title: string) => {
    const m = /^postgres: [^:]+: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title);
    return !!m && m[1] !== database;
  };
  const start = new Map(postgresProcesses().map((p) => [p.pid, p.seconds]));
  return {
    seconds: () => {
      let total = 0;
      for (const p of postgresProcesses()) if (!otherDatabase(p.title)) total += p.seconds - (start.get(p.pid) ?? 0);
      return total;
    },
  };
}

/** CPU seconds (user + system) a process has used: what the load cost the server, whatever else runs on the machine. */
function cpuSeconds(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return 0;
  const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The production server, `npm start`'s launcher (scripts/start.ts), on the benchmark database: one
 * worker per core on PostgreSQL unless BENCH_WORKERS says otherwise, one on PGlite. BENCH_URL: use a running server.
 * BENCH_NODE_OPTIONS replaces the workers' NODE_OPTIONS.
 */
export async function startServer(opts: { nodeOptions?: string } = {}): Promise<Server> {
  if (benchConfig.url) {
    return {
      url: benchConfig.url,
      workers: 0,
      takeServerTimes: async () => new Map(),
      stop: async () => undefined,
      peakRssMb: () => 0,
      peakProcessRssMb: () => 0,
      resetPeak: () => undefined,
      cpuSecondsSinceReset: () => 0,
    };
  }
  const url = `http://127.0.0.1:${benchConfig.port}`;
  const { workers } = planWorkers({ requested: process.env.BENCH_WORKERS, databaseUrl: benchConfig.databaseUrl, cpus: availableParallelism() });
  // BENCH_NODE: run the server on another Node.js binary than the benchmark's own (to compare runtimes).
  // What `npm start` runs: the bundle in dist/ with plain node (built by `npm run build`); without one, the sources
  // under tsx, whose loader costs each process memory the production server does not have.
  const bundled = existsSync("dist/start.js") && process.env.BENCH_FROM_SOURCE !== "1";
  const launcher = bundled ? ["dist/start.js"] : ["--import", "tsx", "scripts/start.ts"];
  if (!bundled) console.error("bench: no dist/start.js (npm run build): running the server from source under tsx");
  const logDir = mkdtempSync(path.join(tmpdir(), "guardrail-bench-server-"));
  const logFile = path.join(logDir, "stdout.log");
  const logFd = openSync(logFile, "a");
  const child: ChildProcess = spawn(process.env.BENCH_NODE ?? process.execPath, [...launcher, "-p", String(benchConfig.port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: benchConfig.databaseUrl,
      WEB_CONCURRENCY: String(workers),
      // Unset, the launcher's own heap limits apply (WORKER_HEAP_FLAGS): what `npm start` runs with.
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? opts.nodeOptions ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench-secret",
      // The load generator is one key sending far more than a gateway's budget: measure throughput, not the limiter.
      API_RATE_BURST: process.env.API_RATE_BURST ?? "1000000",
      API_RATE_PER_SECOND: process.env.API_RATE_PER_SECOND ?? "1000000",
    },
    // The access log (one line per request, as in production) goes to a file, not shown: a file never makes a
    // worker wait, as a pipe the benchmark is slow to read would. takeServerTimes reads the lines of the requests
    // whose id the benchmark chose.
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? "inherit" : logFd, "inherit"],
  });
  closeSync(logFd);
  let logOffset = 0;
  const tree = () => [child.pid!, ...descendants(child.pid!)];
  let peak = 0;
  let peakProcess = 0;
  let cpuAtReset = 0;
  const cpuNow = () => tree().reduce((s, p) => s + cpuSeconds(p), 0);
  const sampler = setInterval(() => {
    const each = tree().map(rssKb);
    peak = Math.max(peak, each.reduce((s, kb) => s + kb, 0));
    peakProcess = Math.max(peakProcess, ...each);
  }, 100);
  const nextWorkers = () => descendants(child.pid!).filter((p) => existsSync(`/proc/${p}/cmdline`) && /(scripts\/server\.ts|dist\/server\.js)/.test(readFileSync(`/proc/${p}/cmdline`, "utf8"))).length;
  // A server that does not come up: its last log lines (the access log's file holds its stdout) go to stderr, and
  // nothing is left running that would keep the benchmark from exiting.
  const giveUp = (why: string) => {
    clearInterval(sampler);
    child.kill("SIGTERM");
    const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n") : "";
    rmSync(logDir, { recursive: true, force: true });
    return new Error(`${why}; the server's last lines:\n${tail}`);
  };
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw giveUp(`the server exited with ${child.exitCode} before it served`);
    try {
      const res = await fetch(`${url}/api/v1/openapi.json`);
      if (res.ok && nextWorkers() >= workers) break;
    } catch {
      // not listening yet
    }
    if (tries > 600) throw giveUp(`the server did not come up with ${workers} workers within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    workers,
    takeServerTimes: async (prefix) => {
      // A worker writes its access log lines once per turn of its event loop: give the last ones time to arrive.
      await new Promise((r) => setTimeout(r, 500));
      const taken = new Map<string, number>();
      const fd = openSync(logFile, "r");
      try {
        const size = fstatSync(fd).size;
        const buffer = Buffer.alloc(size - logOffset);
        for (let read = 0; read < buffer.length; ) read += readSync(fd, buffer, read, buffer.length - read, logOffset + read);
        logOffset = size;
        for (const line of buffer.toString("utf8").split("\n")) {
          if (!line.includes(`"requestId":"${prefix}`)) continue;
          const entry = JSON.parse(line) as { requestId: string; durationMs: number };
          taken.set(entry.requestId, entry.durationMs);
        }
      } finally {
        closeSync(fd);
      }
      return taken;
    },
    peakRssMb: () => Math.round(peak / 1024),
    peakProcessRssMb: () => Math.round(peakProcess / 1024),
    resetPeak: () => {
      peak = 0;
      peakProcess = 0;
      cpuAtReset = cpuNow();
      // takeServerTimes reads the access log from here: this run's lines only
      if (existsSync(logFile)) logOffset = statSync(logFile).size;
    },
    cpuSecondsSinceReset: () => cpuNow() - cpuAtReset,
    stop: async () => {
      clearInterval(sampler);
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

export function printStats(label: string, s: LoadStats, unit: string, extra: Record<string, string | number> = {}) {
  const fields = {
    [`${unit}/s`]: Math.round(s.perSecond * (unit === "events" ? Number(extra.batch ?? 1) : 1)).toLocaleString("en-US"),
    requests: s.requests,
    errors: s.errors,
    "p50 ms": s.p50.toFixed(1),
    "p99 ms": s.p99.toFixed(1),
    "max ms": s.max.toFixed(1),
    ...extra,
    "load average": loadNow(),
  };
  console.log(`${label}: ${Object.entries(fields).map(([k, v]) => `${k} ${v}`).join(" | ")} | statuses ${JSON.stringify(s.statuses)}`);
}

/** Signs in through the demo provider (the server must run with DEMO_SIGNIN=true); returns the Cookie header. */
export async function demoSignIn(url: string, personId: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: header() },
    body: new URLSearchParams({ csrfToken, personId, json: "true" }),
  });
  keep(res);
  if (![...cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`demo sign-in failed (${res.status}): run the server with DEMO_SIGNIN=true`);
  return header();
}
