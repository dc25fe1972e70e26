import "server-only";
import { env } from "@/lib/env";

// At most INGEST_CONCURRENCY batches are read and processed at once per process. Waiting requests leave
// their bodies in the socket (back-pressure) instead of in memory, which keeps the server's memory flat
// under many concurrent gateways; more parallel batches would not go faster on a small database anyway.
const waiting: (() => void)[] = [];
let active = 0;

export async function withIngestSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= env.INGEST_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}
