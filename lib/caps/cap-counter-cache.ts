import { keepListening, type NotificationSource } from "@/lib/db/keep-listening";
import type { CapCounters } from "./cap-usage";

// A decision without an estimate only reads the person's cap counters. Each server worker keeps the counters it
// read in memory and answers the next decision for the same person from there, until PostgreSQL says they changed:
// a trigger on CapUsage and CapBucketUsage notifies "guardrail_cap_counters" with the person's id at commit
// (prisma/migrations/20261128014500_cap_counter_notifications), and this worker LISTENs on its listening connection
// (one per worker for every channel: lib/db/listen.ts).
//
// What PostgreSQL announces: every change to a person's counters except a reservation's increment, which is
// announced only when it leaves less than a tenth of a cap (prisma/migrations/20261129073000_cap_reservation_notices_near_full,
// RESERVE_BATCH_SQL): NOTIFY serializes the commits that send one, and reservations are the decision path's only writes.
// So a cached answer may leave out reservations other workers made in the last MAX_AGE_MS while more than a tenth
// of the cap was left; whether the person is over a cap is always current, because every way into the last tenth
// is announced, and from there on every change is. This worker's own reservations are added to its entry at once
// (applyOwnWrite).
//
// Why a cached answer is never older than the last change this worker was told of:
// - PostgreSQL delivers a notification only once the writing transaction is visible to new snapshots, so a read
//   that starts after the notification arrived sees the change;
// - a read that was under way when a notification for its person arrived is answered but not kept (generations);
// - while the listening connection is down, and until it listens again, nothing is kept or served from memory;
// - this process's own writes forget the person at once (forgetCapCounters), without waiting for the notification,
//   or, for a reservation, put what it locked and reserved into the entry when nothing else changed meanwhile;
// - an entry is dropped after MAX_AGE_MS whatever happens, a bound on any notification that never came. Each entry
//   draws its own age limit between 3/4 of that and all of it: entries read together (a worker starting, say) would
//   otherwise all expire together and be read again in one burst, every MAX_AGE_MS.
// Reservations never use this: each is checked against its limit under the counter's row lock in the database.
// When a new policy snapshot brings changed people or caps, every cached counter is forgotten.

export const CAP_COUNTERS_CHANNEL = "guardrail_cap_counters";
export const MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 100_000;

export type CounterNotifications = NotificationSource;

type Entry = { period: string; counters: CapCounters; /** when it must be read again (ms) */ expires: number };

type State = {
  listening: boolean;
  /** bumped whenever the cache is emptied as a whole: on connect, on loss, on TRUNCATE */
  epoch: number;
  entries: Map<string, Entry>;
  /** per person, bumped by each notification or local write: a read under way when it changed is not kept */
  generations: Map<string, number>;
  nextGeneration: number;
  stats: { hits: number; misses: number; notifications: number; losses: number; /** entries that took this worker's own write */ kept: number };
};

const globalState = globalThis as unknown as { __guardrailCapCounterCache?: State };
const state = (globalState.__guardrailCapCounterCache ??= {
  listening: false,
  epoch: 0,
  entries: new Map(),
  generations: new Map(),
  nextGeneration: 1,
  stats: { hits: 0, misses: 0, notifications: 0, losses: 0, kept: 0 },
});

/**
 * Forgets every person's counters, and a read under way is not kept: on connect, on loss, on TRUNCATE, and when
 * people's caps may have changed (another worker's reservations are announced only near a cap, and a lower cap
 * can put someone near it).
 */
export function forgetAllCapCounters() {
  state.entries.clear();
  state.generations.clear();
  state.epoch++;
}

/** Forgets these people's counters (a notification, or a write by this process that just committed). */
export function forgetCapCounters(userIds: Iterable<string>) {
  if (!state.listening && state.entries.size === 0) return;
  for (const id of userIds) {
    state.entries.delete(id);
    state.generations.set(id, state.nextGeneration++);
  }
  if (state.generations.size > MAX_ENTRIES) forgetAllCapCounters();
}

function onNotify(payload: string) {
  state.stats.notifications++;
  if (payload === "*") forgetAllCapCounters();
  else forgetCapCounters([payload]);
}

/** Where a person stands in this worker's memory: taken before this worker sends a write of its own (applyOwnWrite). */
export type CountersMark = { epoch: number; generation: number | undefined };

export function markCapCounters(userId: string): CountersMark {
  return { epoch: state.epoch, generation: state.generations.get(userId) };
}

/**
 * A write of this worker's to a person's counters committed (a reservation), and `apply` turns the counters it found
 * under its row locks into what it left. When nothing was announced or written for the person since `mark` (taken
 * before the write was sent), a kept entry takes the change and stays, so the person's next decision on this worker
 * needs no read; otherwise the person is forgotten. Either way a read under way is not kept: it may have started
 * before the write.
 * The entry keeps the age of its read: the bound on what other workers reserved without an announcement.
 */
export function applyOwnWrite(userId: string, period: string, mark: CountersMark, apply: (counters: CapCounters) => void) {
  const entry = state.entries.get(userId);
  const nothingSince = state.listening && state.epoch === mark.epoch && state.generations.get(userId) === mark.generation;
  forgetCapCounters([userId]);
  if (!nothingSince || !entry || entry.period !== period) return;
  apply(entry.counters);
  state.entries.set(userId, entry);
  state.stats.kept++;
}

const copy = (c: CapCounters): CapCounters => ({
  external: { ...c.external },
  inHouse: { ...c.inHouse },
  tools: new Map([...c.tools].map(([k, v]) => [k, { ...v }])),
});

/**
 * The person's counters for `period`: from memory when this worker listens and holds them, otherwise `read` (the
 * database), kept for next time unless a change for the person was announced while it ran.
 */
export async function cachedCapCounters(userId: string, period: string, read: () => Promise<CapCounters>, now = Date.now()): Promise<CapCounters> {
  if (!state.listening) return read();
  const entry = state.entries.get(userId);
  if (entry && entry.period === period && now < entry.expires) {
    state.stats.hits++;
    return copy(entry.counters);
  }
  state.stats.misses++;
  const epoch = state.epoch;
  const generation = state.generations.get(userId);
  const counters = await read();
  if (state.listening && state.epoch === epoch && state.generations.get(userId) === generation) {
    if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
    state.entries.set(userId, { period, counters: copy(counters), expires: now + MAX_AGE_MS * (0.75 + 0.25 * Math.random()) });
  }
  return counters;
}

export function capCounterCacheStats() {
  return { listening: state.listening, entries: state.entries.size, ...state.stats };
}

/**
 * Listens for counter changes and serves decisions from memory while the connection holds; when it is lost, stops
 * serving from memory and listens again after `retryMs` (doubling to 30 s). Returns the function that stops it.
 */
export function startCapCounterCache(source: CounterNotifications, options: { retryMs?: number; onError?: (err: unknown) => void } = {}): () => Promise<void> {
  return keepListening(
    source,
    {
      notify: onNotify,
      up: () => {
        forgetAllCapCounters(); // whatever changed while nobody listened
        state.listening = true;
      },
      down: (lost) => {
        state.listening = false;
        if (lost) state.stats.losses++;
        forgetAllCapCounters();
      },
    },
    options,
  );
}
