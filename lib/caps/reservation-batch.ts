/**
 * Reservations against the external cap alone, from one worker, sent to the database together: while one batch
 * runs, the reservations that arrive wait and go in the next one, as one statement and one commit. Each is still
 * a row in CapReservation and an increment of its person's counter, checked against the limit under the counter's
 * row lock, so a batch can never over-commit a cap. A batch holds at most one reservation per person and period (a
 * statement updates a row once); the others wait for the next batch. A batch never waits for a lock: a counter that
 * another transaction holds (an ingestion under way) is skipped and answered `busy`, and that reservation alone is
 * made outside the batch, so one person's wait does not hold up everyone queued behind the batch.
 */

export type ExternalReservation = { userId: string; period: string; tokens: number; limit: number; toolId: string };
/**
 * The person's counter before this reservation (null when the counter row does not exist, or when another
 * transaction held its lock: then `busy`, and nothing was reserved) and the reservation's id.
 */
export type ExternalReservationResult = { used: number | null; reserved: number | null; reservationId: string | null; busy?: boolean };

type Waiting = ExternalReservation & { resolve: (r: ExternalReservationResult) => void; reject: (e: unknown) => void };

export const MAX_BATCH = 64;

/** The next batch: the oldest waiting reservation of each person and period, at most `max`; the rest keep their order. */
export function takeBatch<T extends { userId: string; period: string }>(queue: T[], max = MAX_BATCH): { batch: T[]; rest: T[] } {
  const batch: T[] = [];
  const rest: T[] = [];
  const taken = new Set<string>();
  for (const item of queue) {
    const key = `${item.userId}\u0000${item.period}`;
    if (batch.length < max && !taken.has(key)) {
      taken.add(key);
      batch.push(item);
    } else rest.push(item);
  }
  return { batch, rest };
}

export type RunBatch = (batch: ExternalReservation[]) => Promise<ExternalReservationResult[]>;

/** What a batcher has sent since it started: batches, the reservations in them, and the largest batch. */
export type BatchStats = { batches: number; reservations: number; largest: number };

/** A queue that sends one batch at a time through `run` and answers each reservation with its own result. */
export function reservationBatcher(run: RunBatch) {
  let queue: Waiting[] = [];
  let running = false;
  const stats: BatchStats = { batches: 0, reservations: 0, largest: 0 };

  async function drain() {
    running = true;
    try {
      while (queue.length) {
        const { batch, rest } = takeBatch(queue);
        queue = rest;
        stats.batches++;
        stats.reservations += batch.length;
        stats.largest = Math.max(stats.largest, batch.length);
        try {
          const results = await run(batch);
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  const reserve = (r: ExternalReservation): Promise<ExternalReservationResult> =>
    new Promise((resolve, reject) => {
      queue.push({ ...r, resolve, reject });
      if (!running) void drain();
    });
  return { reserve, stats: (): BatchStats => ({ ...stats }) };
}
