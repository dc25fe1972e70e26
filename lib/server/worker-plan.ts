import { parseDatabaseUrl } from "@/lib/db/url";

// How many `next start` workers `npm start` runs. One Node.js process serves about one core's worth of
// requests (Next.js's request handling is most of a decision's CPU), so on PostgreSQL the default is a
// worker per core. The embedded PGlite database can only be opened by one process.

export type WorkerPlan = { workers: number; reason: string };

export const MAX_WORKERS = 64;

export class WorkerPlanError extends Error {}

/** One worker's part of a per-server number (a rate budget, concurrent batches), at least 1 each. */
export function workerPart(total: number, workers: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, Math.floor(workers))));
}

export function planWorkers(opts: { requested?: string; databaseUrl: string; cpus: number }): WorkerPlan {
  const requested = opts.requested?.trim().toLowerCase() ?? "";
  let count: number | null = null;
  if (requested && requested !== "auto") {
    count = /^\d+$/.test(requested) ? Number(requested) : NaN;
    if (!(count >= 1 && count <= MAX_WORKERS)) {
      throw new WorkerPlanError(`WEB_CONCURRENCY must be "auto" or a whole number from 1 to ${MAX_WORKERS}; got "${opts.requested}".`);
    }
  }

  let embedded = false;
  try {
    embedded = parseDatabaseUrl(opts.databaseUrl).kind === "pglite";
  } catch {
    // A malformed DATABASE_URL: one worker, whose startup check explains the problem in one sentence.
    return { workers: 1, reason: "DATABASE_URL is not usable" };
  }
  if (embedded) {
    const ignored = count !== null && count > 1 ? ` (WEB_CONCURRENCY=${count} applies to PostgreSQL only)` : "";
    return { workers: 1, reason: `the embedded database allows one process${ignored}` };
  }
  if (count !== null) return { workers: count, reason: "WEB_CONCURRENCY" };
  const cpus = Math.max(1, Math.floor(opts.cpus) || 1);
  return { workers: Math.min(cpus, MAX_WORKERS), reason: "one per CPU core" };
}

/**
 * V8 heap limits for each worker unless NODE_OPTIONS sets them: a bounded heap makes V8 collect before it grows,
 * which keeps a worker under 300 MB through a full ingestion load (bench/ingest.ts) at about 10% fewer decisions
 * per second than an unbounded young generation.
 */
export const WORKER_HEAP_FLAGS = ["--max-old-space-size=320", "--max-semi-space-size=16"];

export function workerExecArgv(nodeOptions: string | undefined): string[] {
  const given = nodeOptions ?? "";
  return WORKER_HEAP_FLAGS.filter((flag) => !given.includes(flag.slice(0, flag.indexOf("="))));
}
