import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Tx } from "@/lib/db/tx";
import type { CapBucket } from "./cap-limit";
import { logger } from "@/lib/logging/logger";
import { hotQuery } from "@/lib/db/hot-query";
import { CAP_COUNTERS_CHANNEL, applyOwnWrite, cachedCapCounters, markCapCounters } from "./cap-counter-cache";
import { reservationBatcher, type ExternalReservation, type ExternalReservationResult } from "./reservation-batch";
import { GIVE_BACK_SQL } from "./give-back-sql";
import { LEASE_HEADROOM, LEASE_TTL_SECONDS, createLeaseBook, leaseSize, type Lease } from "./cap-leases";
import { leaseGrantWriter } from "./lease-grant-writer";
import { randomUUID } from "node:crypto";

// Used and reserved tokens per person and period live in CapUsage. Reservations make the cap hard: a
// decision's estimate is checked against the limit under the counter's row lock, so parallel decisions cannot overshoot. A reservation
// is a CapReservation row only while it holds tokens: matching usage or its expiry deletes it, so the table holds
// the open ones alone and the expiry sweep costs the same after a year of decisions as on the first day.

export type CapUsageRow = { used: number; reserved: number };

/** A person's counters in one period: the external (monthly) cap's, the in-house tools', and each tool's. */
export type CapCounters = { external: CapUsageRow; inHouse: CapUsageRow; tools: Map<string, CapUsageRow> };

type Row = { used: bigint | number | null; reserved: bigint | number | null; reservationId?: string | null };

const ensured = new Set<string>();

async function ensureCapUsageRow(userId: string, period: string) {
  const key = `${userId}:${period}`;
  if (ensured.has(key)) return;
  await hotQuery("cap_usage_ensure", `INSERT INTO "CapUsage" ("userId", "period") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [userId, period]);
  if (ensured.size > 200_000) ensured.clear();
  ensured.add(key);
}

const zero = (): CapUsageRow => ({ used: 0, reserved: 0 });
export const emptyCounters = (): CapCounters => ({ external: zero(), inHouse: zero(), tools: new Map() });

export function counterKey(userId: string, period: string) {
  return `${userId}|${period}`;
}

const ONE_PERSON_COUNTERS_SQL = `
SELECT c."userId", c."period", 'external' AS "bucket", c."usedTokens" AS "used", c."reservedTokens" AS "reserved"
FROM "CapUsage" c WHERE c."userId" = $1 AND c."period" = $2
UNION ALL
SELECT b."userId", b."period", b."bucket", b."usedTokens", b."reservedTokens"
FROM "CapBucketUsage" b WHERE b."userId" = $1 AND b."period" = $2`;

/**
 * The one read of cap counters: every listed person's and period's counters (zero where nothing was counted yet),
 * keyed by counterKey. `userIds` with one `period`, or explicit pairs (ingestion spans periods with late events).
 */
export async function readCapCounters(
  keys: { userIds: string[]; period: string } | { userId: string; period: string }[],
  db: Tx | typeof prisma = prisma,
): Promise<Map<string, CapCounters>> {
  const pairs = Array.isArray(keys) ? keys : keys.userIds.map((userId) => ({ userId, period: keys.period }));
  const out = new Map<string, CapCounters>();
  if (!pairs.length) return out;
  for (const k of pairs) out.set(counterKey(k.userId, k.period), emptyCounters());
  type Row = { userId: string; period: string; bucket: string; used: bigint | number; reserved: bigint | number };
  // One person (every decision): two primary-key lookups, prepared once per connection, outside any transaction.
  const rows =
    pairs.length === 1 && db === prisma
      ? await hotQuery<Row>("cap_counters_one", ONE_PERSON_COUNTERS_SQL, [pairs[0].userId, pairs[0].period])
      : pairs.length === 1
        ? await db.$queryRawUnsafe<Row[]>(ONE_PERSON_COUNTERS_SQL, pairs[0].userId, pairs[0].period)
        : await db.$queryRawUnsafe<Row[]>(
            `WITH k AS (SELECT DISTINCT * FROM json_to_recordset($1::json) AS k("userId" text, "period" text))
             SELECT c."userId", c."period", 'external' AS "bucket", c."usedTokens" AS "used", c."reservedTokens" AS "reserved"
             FROM "CapUsage" c JOIN k ON k."userId" = c."userId" AND k."period" = c."period"
             UNION ALL
             SELECT b."userId", b."period", b."bucket", b."usedTokens", b."reservedTokens"
             FROM "CapBucketUsage" b JOIN k ON k."userId" = b."userId" AND k."period" = b."period"`,
            JSON.stringify(pairs),
          );
  for (const r of rows) {
    const c = out.get(counterKey(r.userId, r.period));
    if (!c) continue;
    setCounter(c, r.bucket, { used: Number(r.used), reserved: Number(r.reserved) });
  }
  return out;
}

/** Puts one cap's counter into a person's counters. */
function setCounter(c: CapCounters, bucket: string, row: CapUsageRow) {
  if (bucket === "external") c.external = row;
  else if (bucket === "in_house") c.inHouse = row;
  else if (bucket.startsWith("tool:")) c.tools.set(bucket.slice("tool:".length), row);
}

/** One person's counters in one period, from the database. */
export async function readCapUsage(userId: string, period: string): Promise<CapCounters> {
  return (await readCapCounters([{ userId, period }])).get(counterKey(userId, period)) ?? emptyCounters();
}

/** The same for a decision that reserves nothing: from this worker's memory while it holds them (cap-counter-cache.ts). */
export function readCapUsageForDecision(userId: string, period: string): Promise<CapCounters> {
  return cachedCapCounters(userId, period, () => readCapUsage(userId, period));
}

/** Whether a counter with `tokens` more reserved leaves less than a tenth of its limit (then the reservation is announced). */
function leavesUnderATenth(row: CapUsageRow, tokens: number, limit: number) {
  return (row.used + row.reserved + tokens) * 10 > limit * 9;
}
// The same in SQL, over the counter after the reservation.
const NEAR_FULL = (used: string, reserved: string, limit: string) => `(${used} + ${reserved})::numeric * 10 > ${limit}::numeric * 9`;

/**
 * Reservations against the external cap alone, several people's at once ($1: a JSON array of
 * {i, userId, period, tokens, lim, toolId}, at most one per person and period; $2: the reservations' lifetime in
 * seconds): one statement, one commit (reservation-batch.ts gathers them). The counters are locked in key order, as
 * ingestion locks them, and each reservation is checked against its limit on the locked row. Selects, per request in
 * `i` order, the counter before it (null when there is no counter row, or when `skipLocked` skipped a counter another
 * transaction holds: then `busy`) and the new reservation's id (null when nothing was reserved). The counters' update
 * trigger does not announce a reservation's increment (migration cap_reservation_notices_near_full): the statement
 * announces the people whose reservation leaves less than a tenth of their cap, where another worker's cached answer
 * could turn from allow to over cap.
 */
const reserveSql = (skipLocked: boolean) => `
WITH req AS (
  SELECT * FROM json_to_recordset($1::json) AS r("i" int, "userId" text, "period" text, "tokens" bigint, "lim" bigint, "toolId" text, "lease" bigint)
), locked AS MATERIALIZED (
  -- one primary-key look-up per request, in key order (a join would scan the whole table for a batch of one)
  SELECT c.* FROM (SELECT "userId", "period" FROM req ORDER BY "userId", "period") k CROSS JOIN LATERAL (
    SELECT x."userId", x."period", x."usedTokens", x."reservedTokens" FROM "CapUsage" x
    WHERE x."userId" = k."userId" AND x."period" = k."period" FOR NO KEY UPDATE${skipLocked ? " SKIP LOCKED" : ""}
  ) c
), ok AS MATERIALIZED (
  SELECT q.*, CASE WHEN q."tokens" > 0 THEN gen_random_uuid()::text END AS "rid", CASE WHEN q."leased" > 0 THEN gen_random_uuid()::text END AS "lid"
  FROM (
    SELECT req.*, l."usedTokens" AS "used", l."reservedTokens" AS "reserved",
      -- a lease (cap-leases.ts) only while it leaves LEASE_HEADROOM of the cap free
      CASE WHEN req."lease" > 0 AND (l."usedTokens" + l."reservedTokens" + req."tokens" + req."lease")::numeric <= req."lim"::numeric * ${1 - LEASE_HEADROOM}
        THEN req."lease" ELSE 0 END AS "leased"
    FROM req JOIN locked l ON l."userId" = req."userId" AND l."period" = req."period"
    WHERE l."usedTokens" + l."reservedTokens" + req."tokens" <= req."lim"
  ) q
), upd AS (
  UPDATE "CapUsage" c SET "reservedTokens" = c."reservedTokens" + ok."tokens" + ok."leased" FROM ok
  WHERE c."userId" = ok."userId" AND c."period" = ok."period" AND ok."tokens" + ok."leased" > 0
  RETURNING 1
), ins AS (
  INSERT INTO "CapReservation" ("id", "userId", "period", "tokens", "toolId", "createdAt", "expiresAt")
  SELECT ok."rid", ok."userId", ok."period", ok."tokens", ok."toolId", (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::int) FROM ok WHERE ok."rid" IS NOT NULL
  UNION ALL
  SELECT ok."lid", ok."userId", ok."period", ok."leased", NULL, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $3::int) FROM ok WHERE ok."lid" IS NOT NULL
  RETURNING 1
), notice AS (
  SELECT pg_notify('${CAP_COUNTERS_CHANNEL}', ok."userId") FROM ok WHERE ${NEAR_FULL(`ok."used"`, `ok."reserved" + ok."tokens" + ok."leased"`, `ok."lim"`)}
)
SELECT req."i", l."usedTokens" AS "used", l."reservedTokens" AS "reserved", ok."rid" AS "reservationId", ok."lid" AS "leaseId", ok."leased", (SELECT count(*) FROM notice) AS "announced",
  CASE WHEN l."userId" IS NULL THEN EXISTS (SELECT 1 FROM "CapUsage" x WHERE x."userId" = req."userId" AND x."period" = req."period") ELSE false END AS "busy"
FROM req LEFT JOIN locked l ON l."userId" = req."userId" AND l."period" = req."period" LEFT JOIN ok ON ok."i" = req."i"
ORDER BY req."i"`;

/** The batch: a counter another transaction holds is skipped (busy), not waited for. */
export const RESERVE_BATCH_SQL = reserveSql(true);
/** One reservation that waits for its counter's lock: a busy one from a batch. */
const RESERVE_WAITING_SQL = reserveSql(false);

/** RESERVE_BATCH_SQL's parameters for these reservations. */
export function reserveBatchParams(batch: ExternalReservation[], ttlSeconds = env.CAP_RESERVATION_TTL_SECONDS): [string, number, number] {
  const requests = batch.map((r, i) => ({ i, userId: r.userId, period: r.period, tokens: r.tokens, lim: r.limit, toolId: r.toolId, lease: r.lease ?? 0 }));
  return [JSON.stringify(requests), ttlSeconds, LEASE_TTL_SECONDS];
}

/**
 * Sends reservations with RESERVE_BATCH_SQL (or RESERVE_WAITING_SQL when `wait`). A deadlock with a writer that locks
 * counters in another order (the expiry sweep may) rolls the statement back: it is sent again.
 */
async function sendReservations(batch: ExternalReservation[], wait = false): Promise<ExternalReservationResult[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      // A batch goes on its own connection and commits without waiting for the WAL flush (asyncCommitPoolOptions,
      // lib/db/create-client.ts): one batch is in flight per worker, and it never waits for a lock. A busy
      // reservation sent again waits for its lock, so it goes on the main pool.
      const rows = await hotQuery<Row & { i: number; busy: boolean; leaseId: string | null; leased: string | number | null }>(
        wait ? "cap_reserve_waiting" : "cap_reserve_batch",
        wait ? RESERVE_WAITING_SQL : RESERVE_BATCH_SQL,
        reserveBatchParams(batch),
        { asyncCommit: !wait },
      );
      const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
      return batch.map((_, i) => {
        const row = byIndex.get(i);
        return {
          used: row?.used == null ? null : Number(row.used),
          reserved: row?.reserved == null ? null : Number(row.reserved),
          reservationId: row?.reservationId ?? null,
          busy: row?.busy === true,
          leaseId: row?.leaseId ?? null,
          leased: Number(row?.leased ?? 0),
        };
      });
    } catch (error) {
      if (attempt >= 3 || !isDeadlock(error)) throw error;
    }
  }
}

const isDeadlock = (error: unknown) => (error as { code?: unknown } | null)?.code === "40P01";

const externalBatcher = reservationBatcher((batch) => sendReservations(batch));

/** This worker's reservation batches since it started (the `guardrail_cap_reservation_batches` metric). */
export const reservationBatchStats = externalBatcher.stats;

const leases = createLeaseBook();
const leaseWriter = leaseGrantWriter({ ttlSeconds: () => env.CAP_RESERVATION_TTL_SECONDS });
/** Leases this worker is taking besides a reservation, per person and period (counterKey). */
const refilling = new Set<string>();

/** This worker's cap leases (the `guardrail_cap_leases` metric). */
export const capLeaseStats = () => ({ ...leases.stats(), ...leaseWriter.stats() });

/**
 * A stopping worker writes the grants it carved from its leases and gives back what the leases still hold, so the
 * people's room does not wait for the leases to expire.
 */
export async function releaseCapLeases(): Promise<void> {
  leaseWriter.release(leases.takeAll().map((l) => l.id));
  await leaseWriter.flush();
  const stats = capLeaseStats();
  if (stats.taken) logger.info({ leases: stats }, "cap leases given back");
}

/** Writes the grants carved from leases so far (tests, and a worker about to stop). */
export const flushCapLeaseGrants = () => leaseWriter.flush();

const giveBackLease = (lease: Lease) => leaseWriter.release([lease.id]);

export type CapLimit = { bucket: CapBucket; limit: number };
export type ReserveResult = {
  reservationId: string | null;
  before: Map<CapBucket, CapUsageRow>;
  /** the cap that had no room */
  full: CapBucket | null;
};

class NoRoom extends Error {
  constructor(
    readonly bucket: CapBucket,
    readonly before: Map<CapBucket, CapUsageRow>,
  ) {
    super(`no room in ${bucket}`);
  }
}

/** What a reservation asks for: tokens of a tool for a person in a cap period, against each limit that applies. */
export type ReserveInput = { userId: string; toolId: string; period: string; tokens: number; limits: CapLimit[] };

/**
 * Reserves `tokens` in every listed cap counter when each stays within its limit, or in none. With only the
 * external cap (the common case) that is one statement; with an in-house or per-tool cap it is one transaction
 * that takes the counters' row locks in a fixed order (buckets by name, then CapUsage: the order ingestion and
 * settlement use too) and rolls back when one has no room. `before` is the state the decision is explained with.
 */
export async function reserveTokens(input: ReserveInput): Promise<ReserveResult> {
  const external = input.limits.length === 1 && input.limits[0].bucket === "external" ? input.limits[0].limit : null;
  if (external !== null && env.CAP_LEASE_PERCENT > 0) {
    const granted = await reserveFromLease(input, external);
    if (granted) return granted;
  }
  let mark = markCapCounters(input.userId);
  let unused = leases.unused(input.userId, input.period, Date.now());
  let result = await reserveInDatabase(input);
  if (!result.reservationId && result.full === "external" && unused > 0) {
    // The room this reservation needs is held by this worker's own leases for the person: give them back, ask again.
    leaseWriter.release(leases.takePerson(input.userId, input.period).map((l) => l.id));
    await leaseWriter.flush();
    mark = markCapCounters(input.userId);
    unused = 0;
    result = await reserveInDatabase(input);
  }
  if (result.reservationId || result.leased) {
    // The counters it locked, with its own tokens (and a lease taken with them): what this worker now knows the person has.
    applyOwnWrite(input.userId, input.period, mark, (counters) => {
      for (const [bucket, row] of result.before)
        setCounter(counters, bucket, { used: row.used, reserved: row.reserved + input.tokens + (bucket === "external" ? result.leased : 0) });
    });
  }
  return { reservationId: result.reservationId, before: withoutUnusedLeases(result.before, unused), full: result.full };
}

/** The counters a decision is explained with leave out what this worker's leases hold unused. */
function withoutUnusedLeases(before: Map<CapBucket, CapUsageRow>, unused: number): Map<CapBucket, CapUsageRow> {
  const row = before.get("external");
  if (!unused || !row) return before;
  return new Map(before).set("external", { used: row.used, reserved: Math.max(0, row.reserved - unused) });
}

/**
 * A reservation carved from this worker's lease for the person, without a round trip (cap-leases.ts), or null when no
 * lease covers it or the person's counters are over the limit (usage counted without a reservation): then the
 * database decides. The grant's row is written afterwards (lease-grant-writer.ts).
 */
async function reserveFromLease(input: ReserveInput, limit: number): Promise<ReserveResult | null> {
  if (!leases.covers(input.userId, input.period, input.tokens, Date.now(), giveBackLease)) return null;
  const { external } = await readCapUsageForDecision(input.userId, input.period);
  if (external.used + external.reserved > limit) return null;
  // Taken after the read: another decision may have used the lease meanwhile.
  const took = leases.take(input.userId, input.period, input.tokens, Date.now(), giveBackLease);
  if (!took) return null;
  const id = randomUUID();
  leaseWriter.grant({ id, leaseId: took.leaseId, userId: input.userId, period: input.period, tokens: input.tokens, toolId: input.toolId });
  if (took.low) takeLease(input, limit);
  const before = new Map<CapBucket, CapUsageRow>([["external", { used: external.used, reserved: Math.max(0, external.reserved - took.unusedBefore) }]]);
  return { reservationId: id, before, full: null };
}

/**
 * The lease to ask for with a reservation to the database: when this worker reserved for the person lately, its
 * leases run low, and no other lease for the person is on its way (the caller calls `done` when the answer is in).
 */
function leaseToAsk(input: Omit<ReserveInput, "limits">, limit: number, now: number): { size: number; done: () => void } {
  const key = counterKey(input.userId, input.period);
  const none = { size: 0, done: () => undefined };
  if (env.CAP_LEASE_PERCENT <= 0 || refilling.has(key) || !leases.reservedRecently(input.userId, input.period, now)) return none;
  const size = leaseSize(limit, input.tokens, env.CAP_LEASE_PERCENT);
  if (!size || leases.unused(input.userId, input.period, now) >= size / 4) return none;
  refilling.add(key);
  return { size, done: () => refilling.delete(key) };
}

/** Takes the person's next lease in the background, while the current one still grants. */
function takeLease(input: ReserveInput, limit: number) {
  const key = counterKey(input.userId, input.period);
  const size = leaseSize(limit, input.tokens, env.CAP_LEASE_PERCENT);
  if (!size || refilling.has(key)) return;
  refilling.add(key);
  const sentAt = Date.now();
  const mark = markCapCounters(input.userId);
  externalBatcher
    .reserve({ userId: input.userId, period: input.period, tokens: 0, limit, toolId: input.toolId, lease: size })
    .then((row) => {
      if (!row.leaseId || row.used == null) return;
      leases.add(input.userId, input.period, row.leaseId, row.leased ?? size, sentAt);
      applyOwnWrite(input.userId, input.period, mark, (counters) => {
        counters.external = { used: row.used!, reserved: (row.reserved ?? 0) + (row.leased ?? size) };
      });
    })
    .catch((err: unknown) => logger.warn({ err }, "cap leases: taking a lease failed; reservations go to the database"))
    .finally(() => refilling.delete(key));
}

/** `leased`: tokens of a lease taken with the reservation (held in the external counter besides). */
async function reserveInDatabase(input: ReserveInput): Promise<ReserveResult & { leased: number }> {
  const limits = [...input.limits].sort((a, b) => (a.bucket === "external" ? 1 : b.bucket === "external" ? -1 : a.bucket.localeCompare(b.bucket)));
  if (!limits.length) return { reservationId: null, before: new Map(), full: null, leased: 0 };
  if (limits.length === 1 && limits[0].bucket === "external") return reserveExternal(input, limits[0].limit);
  try {
    return await prisma.$transaction(async (tx) => {
      const before = new Map<CapBucket, CapUsageRow>();
      for (const { bucket, limit } of limits) {
        const rows =
          bucket === "external"
            ? await tx.$queryRawUnsafe<Row[]>(
                `INSERT INTO "CapUsage" ("userId", "period", "reservedTokens") VALUES ($1, $2, 0)
                 ON CONFLICT ("userId", "period") DO UPDATE SET "reservedTokens" = "CapUsage"."reservedTokens"
                 RETURNING "usedTokens" AS "used", "reservedTokens" AS "reserved"`,
                input.userId,
                input.period,
              )
            : await tx.$queryRawUnsafe<Row[]>(
                `INSERT INTO "CapBucketUsage" ("userId", "period", "bucket", "reservedTokens") VALUES ($1, $2, $3, 0)
                 ON CONFLICT ("userId", "period", "bucket") DO UPDATE SET "reservedTokens" = "CapBucketUsage"."reservedTokens"
                 RETURNING "usedTokens" AS "used", "reservedTokens" AS "reserved"`,
                input.userId,
                input.period,
                bucket,
              );
        // The row is locked from here to the end of the transaction: its figures cannot change under us.
        const row = { used: Number(rows[0].used), reserved: Number(rows[0].reserved) };
        before.set(bucket, row);
        if (row.used + row.reserved + input.tokens > limit) throw new NoRoom(bucket, before);
      }
      // The update trigger leaves a reservation's increment unannounced; announce it where it leaves less than a
      // tenth of a cap (see RESERVE_BATCH_SQL). NOTIFY is sent at commit, and not at all if the transaction rolls back.
      const nearFull = limits.some(({ bucket, limit }) => leavesUnderATenth(before.get(bucket)!, input.tokens, limit));
      if (nearFull) await tx.$executeRawUnsafe(`SELECT pg_notify($1, $2)`, CAP_COUNTERS_CHANNEL, input.userId);
      for (const { bucket } of limits) {
        if (bucket === "external")
          await tx.$executeRawUnsafe(`UPDATE "CapUsage" SET "reservedTokens" = "reservedTokens" + $3::bigint WHERE "userId" = $1 AND "period" = $2`, input.userId, input.period, input.tokens);
        else
          await tx.$executeRawUnsafe(
            `UPDATE "CapBucketUsage" SET "reservedTokens" = "reservedTokens" + $4::bigint WHERE "userId" = $1 AND "period" = $2 AND "bucket" = $3`,
            input.userId,
            input.period,
            bucket,
            input.tokens,
          );
      }
      const [r] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO "CapReservation" ("id", "userId", "period", "tokens", "toolId", "buckets", "createdAt", "expiresAt")
         VALUES (gen_random_uuid()::text, $1, $2, $3::bigint, $4, $5::text[], (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $6::int))
         RETURNING "id"`,
        input.userId,
        input.period,
        input.tokens,
        input.toolId,
        limits.map((l) => l.bucket),
        env.CAP_RESERVATION_TTL_SECONDS,
      );
      return { reservationId: r.id, before, full: null, leased: 0 };
    });
  } catch (error) {
    if (error instanceof NoRoom) return { reservationId: null, before: error.before, full: error.bucket, leased: 0 };
    throw error;
  }
}

/** The external cap alone: batched with this worker's other reservations (reservation-batch.ts). */
async function reserveExternal(input: Omit<ReserveInput, "limits">, limit: number): Promise<ReserveResult & { leased: number }> {
  await ensureCapUsageRow(input.userId, input.period);
  const sentAt = Date.now();
  const lease = leaseToAsk(input, limit, sentAt);
  const request = { userId: input.userId, period: input.period, tokens: input.tokens, limit, toolId: input.toolId, lease: lease.size };
  leases.noteReserved(input.userId, input.period, sentAt);
  let row: ExternalReservationResult;
  try {
    row = await externalBatcher.reserve(request);
    if (row.busy) [row] = await sendReservations([request], true);
    const leased = row.leaseId ? (row.leased ?? 0) : 0;
    if (row.leaseId && leased > 0) leases.add(input.userId, input.period, row.leaseId, leased, sentAt);
  } finally {
    lease.done();
  }
  if (row.used == null) {
    ensured.delete(`${input.userId}:${input.period}`);
    await ensureCapUsageRow(input.userId, input.period);
    return reserveExternal(input, limit);
  }
  const leased = row.leaseId ? (row.leased ?? 0) : 0;
  const before = new Map<CapBucket, CapUsageRow>([["external", { used: row.used, reserved: row.reserved ?? 0 }]]);
  return { reservationId: row.reservationId, before, full: row.reservationId ? null : "external", leased };
}

/** Gives back reservations whose usage never arrived. Returns how many were released. */
export async function releaseExpiredReservations(db: Tx | typeof prisma = prisma, now?: Date): Promise<number> {
  // `now` lets the scheduler's tests use a fake clock; the default is the database's clock.
  const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
    `
    WITH clock AS (SELECT coalesce($1::timestamp, now() AT TIME ZONE 'UTC') AS t),
    exp AS (
      DELETE FROM "CapReservation" WHERE "expiresAt" <= (SELECT t FROM clock)
      RETURNING "userId", "period", "tokens", "buckets"
    )${GIVE_BACK_SQL("exp")}`,
    now?.toISOString() ?? null,
  );
  return Number(rows[0]?.n ?? 0);
}

let lastSweep = 0;

/**
 * At most every 10 s per process, in the background: the decision path must not wait for it. Leases past their
 * usable time give back what they hold then too, for people this worker no longer reserves for.
 */
export function sweepExpiredReservationsSoon() {
  const now = Date.now();
  if (now - lastSweep < 10_000) return;
  lastSweep = now;
  leaseWriter.release(leases.takeExpired(now).map((l) => l.id));
  releaseExpiredReservations().catch((error: unknown) => logger.error({ err: error }, "releasing expired cap reservations failed"));
}

/**
 * Settles the oldest open reservations that match arriving usage (same person and tool), one per event,
 * and gives their tokens back: the usage itself is counted as used tokens by ingestion.
 */
export async function settleReservations(tx: Tx, usage: { userId: string; toolId: string; n: number }[]): Promise<number> {
  if (!usage.length) return 0;
  const rows = await tx.$queryRawUnsafe<{ n: bigint | number }[]>(
    `
    WITH ev AS (
      SELECT * FROM json_to_recordset($1::json) AS e("userId" text, "toolId" text, "n" int)
    ), picked AS (
      SELECT r."id" FROM ev CROSS JOIN LATERAL (
        SELECT x."id" FROM "CapReservation" x
        WHERE x."userId" = ev."userId" AND x."toolId" = ev."toolId"
        ORDER BY x."createdAt" LIMIT ev."n" FOR UPDATE SKIP LOCKED
      ) r
    ), done AS (
      DELETE FROM "CapReservation" x USING picked WHERE x."id" = picked."id"
      RETURNING x."userId", x."period", x."tokens", x."buckets"
    )${GIVE_BACK_SQL("done")}`,
    JSON.stringify(usage),
  );
  return Number(rows[0]?.n ?? 0);
}
