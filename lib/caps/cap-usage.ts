import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Tx } from "@/lib/db/tx";
import type { CapBucket } from "./cap-limit";
import { logger } from "@/lib/logging/logger";
import { hotQuery } from "@/lib/db/hot-query";
import { CAP_COUNTERS_CHANNEL, applyOwnWrite, cachedCapCounters, markCapCounters } from "./cap-counter-cache";
import { reservationBatcher, type ExternalReservation, type ExternalReservationResult } from "./reservation-batch";

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
  SELECT * FROM json_to_recordset($1::json) AS r("i" int, "userId" text, "period" text, "tokens" bigint, "lim" bigint, "toolId" text)
), locked AS MATERIALIZED (
  -- one primary-key look-up per request, in key order (a join would scan the whole table for a batch of one)
  SELECT c.* FROM (SELECT "userId", "period" FROM req ORDER BY "userId", "period") k CROSS JOIN LATERAL (
    SELECT x."userId", x."period", x."usedTokens", x."reservedTokens" FROM "CapUsage" x
    WHERE x."userId" = k."userId" AND x."period" = k."period" FOR NO KEY UPDATE${skipLocked ? " SKIP LOCKED" : ""}
  ) c
), ok AS MATERIALIZED (
  SELECT req.*, l."usedTokens" AS "used", l."reservedTokens" AS "reserved", gen_random_uuid()::text AS "rid"
  FROM req JOIN locked l ON l."userId" = req."userId" AND l."period" = req."period"
  WHERE l."usedTokens" + l."reservedTokens" + req."tokens" <= req."lim"
), upd AS (
  UPDATE "CapUsage" c SET "reservedTokens" = c."reservedTokens" + ok."tokens" FROM ok
  WHERE c."userId" = ok."userId" AND c."period" = ok."period"
  RETURNING 1
), ins AS (
  INSERT INTO "CapReservation" ("id", "userId", "period", "tokens", "toolId", "createdAt", "expiresAt")
  SELECT ok."rid", ok."userId", ok."period", ok."tokens", ok."toolId", (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::int) FROM ok
  RETURNING 1
), notice AS (
  SELECT pg_notify('${CAP_COUNTERS_CHANNEL}', ok."userId") FROM ok WHERE ${NEAR_FULL(`ok."used"`, `ok."reserved" + ok."tokens"`, `ok."lim"`)}
)
SELECT req."i", l."usedTokens" AS "used", l."reservedTokens" AS "reserved", ok."rid" AS "reservationId", (SELECT count(*) FROM notice) AS "announced",
  CASE WHEN l."userId" IS NULL THEN EXISTS (SELECT 1 FROM "CapUsage" x WHERE x."userId" = req."userId" AND x."period" = req."period") ELSE false END AS "busy"
FROM req LEFT JOIN locked l ON l."userId" = req."userId" AND l."period" = req."period" LEFT JOIN ok ON ok."i" = req."i"
ORDER BY req."i"`;

/** The batch: a counter another transaction holds is skipped (busy), not waited for. */
export const RESERVE_BATCH_SQL = reserveSql(true);
/** One reservation that waits for its counter's lock: a busy one from a batch. */
const RESERVE_WAITING_SQL = reserveSql(false);

/** RESERVE_BATCH_SQL's parameters for these reservations. */
export function reserveBatchParams(batch: ExternalReservation[], ttlSeconds = env.CAP_RESERVATION_TTL_SECONDS): [string, number] {
  return [JSON.stringify(batch.map((r, i) => ({ i, userId: r.userId, period: r.period, tokens: r.tokens, lim: r.limit, toolId: r.toolId }))), ttlSeconds];
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
      const rows = await hotQuery<Row & { i: number; busy: boolean }>(
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

export type CapLimit = { bucket: CapBucket; limit: number };
export type ReserveResult = { reservationId: string | null; before: Map<CapBucket, CapUsageRow>; /** the cap that had no room */ full: CapBucket | null };

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
  const mark = markCapCounters(input.userId);
  const result = await reserveInDatabase(input);
  if (result.reservationId) {
    // The counters it locked, with its own tokens: what this worker now knows the person has.
    applyOwnWrite(input.userId, input.period, mark, (counters) => {
      for (const [bucket, row] of result.before) setCounter(counters, bucket, { used: row.used, reserved: row.reserved + input.tokens });
    });
  }
  return result;
}

async function reserveInDatabase(input: ReserveInput): Promise<ReserveResult> {
  const limits = [...input.limits].sort((a, b) => (a.bucket === "external" ? 1 : b.bucket === "external" ? -1 : a.bucket.localeCompare(b.bucket)));
  if (!limits.length) return { reservationId: null, before: new Map(), full: null };
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
      return { reservationId: r.id, before, full: null };
    });
  } catch (error) {
    if (error instanceof NoRoom) return { reservationId: null, before: error.before, full: error.bucket };
    throw error;
  }
}

/** The external cap alone: batched with this worker's other reservations (reservation-batch.ts). */
async function reserveExternal(input: Omit<ReserveInput, "limits">, limit: number): Promise<ReserveResult> {
  await ensureCapUsageRow(input.userId, input.period);
  const request = { userId: input.userId, period: input.period, tokens: input.tokens, limit, toolId: input.toolId };
  let row = await externalBatcher.reserve(request);
  if (row.busy) [row] = await sendReservations([request], true);
  if (row.used == null) {
    ensured.delete(`${input.userId}:${input.period}`);
    await ensureCapUsageRow(input.userId, input.period);
    return reserveExternal(input, limit);
  }
  const before = new Map<CapBucket, CapUsageRow>([["external", { used: row.used, reserved: row.reserved ?? 0 }]]);
  return { reservationId: row.reservationId, before, full: row.reservationId ? null : "external" };
}

/**
 * The tail of a statement whose CTE `src` returned settled reservations: gives their tokens back to every counter
 * they held, bucket counters first, then CapUsage (the lock order of reserveTokens), each in key order, one
 * primary-key look-up at a time (as reservation batches and ingestion lock them: an `UPDATE … FROM` would lock in
 * whatever order its plan reads the table, and could deadlock with a batch, which then waits a second for PostgreSQL
 * to notice). Selects how many were settled.
 */
const GIVE_BACK_SQL = (src: string) => `, agg AS (
      SELECT "userId", "period", sum("tokens") AS t, count(*) AS n FROM ${src} GROUP BY 1, 2 ORDER BY 1, 2
    ), bagg AS MATERIALIZED (
      SELECT s."userId", s."period", b AS "bucket", sum(s."tokens") AS t FROM ${src} s CROSS JOIN LATERAL unnest(s."buckets") AS b
      WHERE b <> 'external' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ), eagg AS MATERIALIZED (
      SELECT "userId", "period", sum("tokens") AS t FROM ${src} WHERE 'external' = ANY("buckets") GROUP BY 1, 2 ORDER BY 1, 2
    ), block AS MATERIALIZED (
      SELECT k."userId", k."period", k."bucket", k.t FROM bagg k CROSS JOIN LATERAL (
        SELECT 1 FROM "CapBucketUsage" x
        WHERE x."userId" = k."userId" AND x."period" = k."period" AND x."bucket" = k."bucket" FOR NO KEY UPDATE
      ) x
    ), elock AS MATERIALIZED (
      SELECT k."userId", k."period", k.t FROM eagg k CROSS JOIN LATERAL (
        SELECT 1 FROM "CapUsage" x WHERE x."userId" = k."userId" AND x."period" = k."period" FOR NO KEY UPDATE
      ) x
      WHERE (SELECT count(*) FROM block) >= 0 -- every bucket counter is locked before the first CapUsage row
    ), bupd AS (
      UPDATE "CapBucketUsage" c SET "reservedTokens" = GREATEST(0, c."reservedTokens" - block.t)
      FROM block WHERE c."userId" = block."userId" AND c."period" = block."period" AND c."bucket" = block."bucket"
      RETURNING 1
    ), upd AS (
      UPDATE "CapUsage" c SET "reservedTokens" = GREATEST(0, c."reservedTokens" - elock.t)
      FROM elock WHERE c."userId" = elock."userId" AND c."period" = elock."period"
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM bupd) AS b, coalesce((SELECT sum(n) FROM agg), 0) AS n, (SELECT count(*) FROM upd) AS u`;

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

/** At most every 10 s per process, in the background: the decision path must not wait for it. */
export function sweepExpiredReservationsSoon() {
  const now = Date.now();
  if (now - lastSweep < 10_000) return;
  lastSweep = now;
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
