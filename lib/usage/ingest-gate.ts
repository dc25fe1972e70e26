import "server-only";
import { env } from "@/lib/env";
import { workerPart } from "@/lib/server/worker-plan";

// At most INGEST_CONCURRENCY batches are read and processed at once per server; the workers of one
// `npm start` share that number (at least one each). Waiting requests leave their bodies in the socket
// (back-pressure) instead of in memory, which keeps the server's memory flat under many concurrent gateways.
// Ingestion is bound by the database: more parallel batches contend for the same rollup rows and go slower.
// The usage-events route holds a slot until its batch is queued for group commit (lib/usage/ingest-group.ts),
// whose queue is bounded in events; the OTLP receiver holds it until its batch is stored.
const slots = workerPart(env.INGEST_CONCURRENCY, env.GUARDRAIL_WORKERS);
const waiting: (() => void)[] = [];
let active = 0;

export async function withIngestSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/** Batches being processed now and batches waiting for a slot (for /metrics). */
export function ingestQueueDepth(): { active: number; waiting: number } {
  return { active, waiting: waiting.length };
}
