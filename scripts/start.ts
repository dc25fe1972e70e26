// `npm start`: the production server. It runs scripts/server.ts (the machine interface on Fastify in front of
// the Next.js portal, one port) in one or more worker processes that share the port (node:cluster deals
// connections round-robin): one per CPU core on PostgreSQL, or WEB_CONCURRENCY; always one on the embedded
// database. Arguments go to each worker (`npm start -- -p 8080 -H 0.0.0.0`); MACHINE_API_ONLY=true serves the
// machine interface alone. Each worker's heap is bounded (WORKER_HEAP_FLAGS) unless NODE_OPTIONS says otherwise.
//
// The first worker starts alone, so a configuration problem is reported once, by its startup check, and the
// launcher exits with that worker's code; the others start when it is ready. A worker that dies later is
// replaced. SIGTERM or SIGINT is passed to every worker, which finishes its in-flight requests; the launcher
// exits when all have (143 or 130).
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
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

  // Built (dist/start.js, `npm run build`): the workers run dist/server.js with plain node. From source (tsx):
  // scripts/server.ts under tsx.
  const bundled = process.env.GUARDRAIL_BUNDLED === "true";
  cluster.setupPrimary({
    exec: fileURLToPath(new URL(bundled ? "./server.js" : "./server.ts", import.meta.url)),
    args: process.argv.slice(2),
    execArgv: [...(bundled ? [] : ["--import", "tsx"]), ...workerExecArgv(process.env.NODE_OPTIONS)],
  });

  const workerEnv = { GUARDRAIL_WORKERS: String(plan.workers), NODE_ENV: process.env.NODE_ENV ?? "production" };
  const restarts: number[] = [];
  let started = false;
  /** set once the server is stopping: the code to exit with when the last worker is gone */
  let exitCode: number | null = null;

  const fork = () => cluster.fork(workerEnv);
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);

  function stopAll(code: number) {
    if (exitCode !== null) return;
    exitCode = code;
    const workers = live();
    if (!workers.length) process.exit(code);
    for (const w of workers) w.process.kill("SIGTERM");
  }

  // A worker is ready once its startup checks passed (it says so over IPC), not when it starts listening.
  cluster.on("message", (_worker, message) => {
    if (!isWorkerReadyMessage(message)) return;
    if (started) return;
    started = true;
    log(`${plan.workers} worker${plan.workers === 1 ? "" : "s"} (${plan.reason})`);
    for (let i = 1; i < plan.workers; i++) fork();
  });

  cluster.on("exit", (worker, code, signal) => {
    if (exitCode !== null) {
      if (!live().length) process.exit(exitCode);
      return;
    }
    if (!started) {
      // The first worker never served: the same problem would stop every worker. Its message is already printed.
      log(`a worker stopped before serving (${signal ?? `exit ${code}`}); stopping`);
      stopAll(code || 1);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > RESTARTS_PER_MINUTE) {
      log(`workers keep stopping (${restarts.length} in a minute); giving up`);
      stopAll(1);
      return;
    }
    log(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => {
      if (exitCode === null) fork();
    }, RESTART_DELAY_MS);
  });

  process.on("SIGTERM", () => stopAll(143));
  process.on("SIGINT", () => stopAll(130));
  fork();
}

main();
