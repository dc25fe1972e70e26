// `npm start`: the production server. It runs `next start` in one or more worker processes that share the
// port (node:cluster deals connections round-robin): one per CPU core on PostgreSQL, or WEB_CONCURRENCY;
// always one on the embedded database. Arguments go to `next start` (`npm start -- -p 8080`). Each worker's
// heap is bounded (WORKER_HEAP_FLAGS) unless NODE_OPTIONS says otherwise.
//
// The first worker starts alone, so a configuration problem is reported once, by its startup check, and the
// launcher exits with that worker's code; the others start when it is ready. A worker that dies later is replaced. SIGTERM or SIGINT is passed
// to every worker, which finishes its in-flight requests; the launcher exits when all have (143 or 130).
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { env } from "../lib/env";
import { planWorkers, workerExecArgv, WorkerPlanError } from "../lib/server/worker-plan";
import { isWorkerReadyMessage } from "../lib/server/worker-ready";

const RESTARTS_PER_MINUTE = 5;
const RESTART_DELAY_MS = 1_000;

function log(message: string) {
  console.log(`[guardrail] ${message}`);
}

function main() {
  let plan;
  try {
    plan = planWorkers({ requested: env.WEB_CONCURRENCY, databaseUrl: env.databaseUrl, cpus: availableParallelism() });
  } catch (error) {
    if (!(error instanceof WorkerPlanError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  cluster.setupPrimary({
    exec: createRequire(import.meta.url).resolve("next/dist/bin/next"),
    args: ["start", ...process.argv.slice(2)],
    execArgv: workerExecArgv(process.env.NODE_OPTIONS),
  });

  const workerEnv = { GUARDRAIL_WORKERS: String(plan.workers), NODE_ENV: process.env.NODE_ENV ?? "production" };
  const ready = new Set<Worker>();
  const restarts: number[] = [];
  let stopping: NodeJS.Signals | null = null;
  let started = false;

  const fork = () => cluster.fork(workerEnv);

  // A worker is ready once its startup checks passed (it says so over IPC), not when it starts listening.
  cluster.on("message", (worker, message) => {
    if (!isWorkerReadyMessage(message) || ready.has(worker)) return;
    const first = ready.size === 0 && !started;
    ready.add(worker);
    if (first) {
      started = true;
      log(`${plan.workers} worker${plan.workers === 1 ? "" : "s"} (${plan.reason})`);
      for (let i = 1; i < plan.workers; i++) fork();
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    const wasReady = ready.delete(worker);
    const remaining = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      if (remaining === 0) process.exit(stopping === "SIGINT" ? 130 : 143);
      return;
    }
    if (!wasReady && !started) {
      // The first worker never served: the same problem would stop every worker. Its message is already printed.
      log(`a worker stopped before serving (${signal ?? `exit ${code}`}); stopping`);
      stopAll("SIGTERM", code || 1);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > RESTARTS_PER_MINUTE) {
      log(`workers keep stopping (${restarts.length} in a minute); giving up`);
      stopAll("SIGTERM", 1);
      return;
    }
    log(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  function stopAll(signal: NodeJS.Signals, exitCode?: number) {
    if (stopping) return;
    stopping = signal;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (exitCode !== undefined) {
      // An error stop: exit with its code once the workers are gone.
      cluster.removeAllListeners("exit");
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      });
      if (workers.length === 0) process.exit(exitCode);
    }
    for (const w of workers) w.process.kill("SIGTERM");
  }

  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
  fork();
}

main();
