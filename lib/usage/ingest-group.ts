import "server-only";
import type { IngestResult } from "@/lib/validation/usage-event";
import { storeValidatedRequests, validateRequest, type IngestContext, type ValidatedRequest } from "./ingest-events";

// Group commit: the batches that arrive in this process while one is being stored are stored together, in ONE
// transaction, with one pass over the rollups and cap counters (the rows every batch touches), instead of one
// transaction each that would wait on the others' row locks. Each request still gets exactly the answer it would
// have got alone (storeValidatedRequests) and its own audit entry. One group at a time per process; at most
// MAX_GROUP_EVENTS events per group (a larger request is a group on its own).
// Memory stays bounded: at most MAX_QUEUED_EVENTS validated events wait here (a request waits for room before it is
// queued, holding its ingest slot, so no further body is read meanwhile), plus the group being stored.

export const MAX_GROUP_EVENTS = 5_000;
export const MAX_QUEUED_EVENTS = 5_000;

type Waiting = { req: ValidatedRequest; resolve: (r: IngestResult) => void; reject: (e: unknown) => void };

const queue: Waiting[] = [];
let queuedEvents = 0;
/** requests waiting for room in the queue, first come first served */
const admissions: { size: number; admit: () => void }[] = [];
let draining = false;
const stats = { groups: 0, requests: 0, largestGroup: 0, retriedAlone: 0 };

/**
 * Ingests a request's events together with the other requests waiting in this process (see above). Validation
 * happens at once, outside the group; storing waits for the group.
 */
export async function ingestUsageEventsInGroup(events: unknown[], ctx: IngestContext = {}): Promise<IngestResult> {
  const { queued, result } = queueUsageEvents(events, ctx);
  await queued;
  return result;
}

/**
 * The same in two steps, for a caller that holds an ingest slot: `queued` settles once the request is in the queue
 * (the slot can be given back then: the request's memory is counted here), `result` once it is stored.
 */
export function queueUsageEvents(events: unknown[], ctx: IngestContext = {}): { queued: Promise<void>; result: Promise<IngestResult> } {
  const req = validateRequest(events, ctx);
  const size = req.valid.length;
  let enqueue!: () => void;
  const result = new Promise<IngestResult>((resolve, reject) => {
    enqueue = () => {
      queue.push({ req, resolve, reject });
      queuedEvents += size;
      if (!draining) {
        draining = true;
        // Requests queued in the same turn of the event loop join the first group.
        setImmediate(() => void drain());
      }
    };
  });
  // Awaited later by the caller; never an unhandled rejection meanwhile.
  result.catch(() => undefined);
  const hasRoom = () => queue.length === 0 || queuedEvents + size <= MAX_QUEUED_EVENTS;
  if (!admissions.length && hasRoom()) {
    enqueue();
    return { queued: Promise.resolve(), result };
  }
  const queued = new Promise<void>((admit) => admissions.push({ size, admit: () => (enqueue(), admit()) }));
  return { queued, result };
}

function admitWaiting() {
  while (admissions.length && (queue.length === 0 || queuedEvents + admissions[0].size <= MAX_QUEUED_EVENTS)) admissions.shift()!.admit();
}

async function drain() {
  try {
    while (queue.length) {
      const group = [queue.shift()!];
      let size = group[0].req.valid.length;
      while (queue.length && size + queue[0].req.valid.length <= MAX_GROUP_EVENTS) {
        size += queue[0].req.valid.length;
        group.push(queue.shift()!);
      }
      queuedEvents -= size;
      admitWaiting();
      await storeGroup(group);
    }
  } finally {
    draining = false;
  }
}

async function storeGroup(group: Waiting[]) {
  stats.groups++;
  stats.requests += group.length;
  stats.largestGroup = Math.max(stats.largestGroup, group.length);
  let results: IngestResult[];
  try {
    results = await storeValidatedRequests(group.map((w) => w.req));
  } catch (error) {
    if (group.length === 1) return group[0].reject(error);
    // The group's transaction stored nothing. Each request alone, in order: each gets the answer, or the error,
    // it would have got without the others (a bad request cannot fail the good ones).
    stats.retriedAlone += group.length;
    for (const w of group) {
      try {
        const [alone] = await storeValidatedRequests([w.req]);
        w.resolve(alone);
      } catch (e) {
        w.reject(e);
      }
    }
    return;
  }
  group.forEach((w, i) => w.resolve(results[i]));
}

/** Groups stored by this process, the requests in them, the largest group, and requests retried alone (for tests and bench/faults.ts). */
export function ingestGroupStats(): Readonly<typeof stats> & { waiting: number; waitingForRoom: number } {
  return { ...stats, waiting: queue.length, waitingForRoom: admissions.length };
}
