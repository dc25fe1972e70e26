import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { Tx } from "@/lib/audit/append-audit";

// Used and reserved tokens per person and period live in CapUsage. Reservations make the cap hard: a
// decision reserves its estimate with one conditional UPDATE, so parallel decisions cannot overshoot.

export type CapUsageRow = { used: number; reserved: number };

type Row = { used: bigint | number | null; reserved: bigint | number | null; reservationId?: string | null };

const ensured = new Set<string>();

async function ensureCapUsageRow(userId: string, period: string) {
  const key = `${userId}:${period}`;
  if (ensured.has(key)) return;
  await prisma.$executeRawUnsafe(`INSERT INTO "CapUsage" ("userId", "period") VALUES ($1, $2) ON CONFLICT DO NOTHING`, userId, period);
  if (ensured.size > 200_000) ensured.clear();
  ensured.add(key);
}

export async function readCapUsage(userId: string, period: string): Promise<CapUsageRow> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT "usedTokens" AS "used", "reservedTokens" AS "reserved" FROM "CapUsage" WHERE "userId" = $1 AND "period" = $2`,
    userId,
    period,
  );
  return { used: Number(rows[0]?.used ?? 0), reserved: Number(rows[0]?.reserved ?? 0) };
}

const RESERVE_SQL = `
WITH upd AS (
  UPDATE "CapUsage" SET "reservedTokens" = "reservedTokens" + $3::bigint
  WHERE "userId" = $1 AND "period" = $2 AND "usedTokens" + "reservedTokens" + $3::bigint <= $4::bigint
  RETURNING "usedTokens", "reservedTokens"
), ins AS (
  INSERT INTO "CapReservation" ("id", "userId", "period", "tokens", "toolId", "createdAt", "expiresAt")
  SELECT gen_random_uuid()::text, $1, $2, $3::bigint, $5, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $6::int) FROM upd
  RETURNING "id"
)
SELECT c."usedTokens" AS "used", c."reservedTokens" AS "reserved", (SELECT "id" FROM ins) AS "reservationId"
FROM (SELECT 1) AS one LEFT JOIN "CapUsage" c ON c."userId" = $1 AND c."period" = $2`;

export type ReserveResult = { reservationId: string | null; before: CapUsageRow };

/**
 * Reserves `tokens` when used + reserved + tokens stays within `limit`, in one statement.
 * `before` is the state the decision is explained with; reservationId is null when it did not fit.
 */
export async function reserveTokens(input: { userId: string; toolId: string; period: string; tokens: number; limit: number }): Promise<ReserveResult> {
  await ensureCapUsageRow(input.userId, input.period);
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    RESERVE_SQL,
    input.userId,
    input.period,
    input.tokens,
    input.limit,
    input.toolId,
    env.CAP_RESERVATION_TTL_SECONDS,
  );
  const row = rows[0];
  if (row?.used == null) {
    ensured.delete(`${input.userId}:${input.period}`);
    await ensureCapUsageRow(input.userId, input.period);
    return reserveTokens(input);
  }
  return { reservationId: row.reservationId ?? null, before: { used: Number(row.used), reserved: Number(row.reserved) } };
}

/** Gives back reservations whose usage never arrived. Returns how many were released. */
export async function releaseExpiredReservations(db: Tx | typeof prisma = prisma, now?: Date): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
    `
    WITH clock AS (SELECT coalesce($1::timestamp, now() AT TIME ZONE 'UTC') AS t),
    exp AS (
      UPDATE "CapReservation" SET "settledAt" = (SELECT t FROM clock)
      WHERE "settledAt" IS NULL AND "expiresAt" <= (SELECT t FROM clock)
      RETURNING "userId", "period", "tokens"
    ), agg AS (
      SELECT "userId", "period", sum("tokens") AS t, count(*) AS n FROM exp GROUP BY 1, 2
    ), upd AS (
      UPDATE "CapUsage" c SET "reservedTokens" = GREATEST(0, c."reservedTokens" - agg.t)
      FROM agg WHERE c."userId" = agg."userId" AND c."period" = agg."period"
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(n) FROM agg), 0) AS n, (SELECT count(*) FROM upd) AS u`,
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
  releaseExpiredReservations().catch((error: unknown) => console.error("releasing expired cap reservations failed", error));
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
        WHERE x."userId" = ev."userId" AND x."toolId" = ev."toolId" AND x."settledAt" IS NULL
        ORDER BY x."createdAt" LIMIT ev."n" FOR UPDATE SKIP LOCKED
      ) r
    ), done AS (
      UPDATE "CapReservation" x SET "settledAt" = (now() AT TIME ZONE 'UTC') FROM picked WHERE x."id" = picked."id"
      RETURNING x."userId", x."period", x."tokens"
    ), agg AS (
      SELECT "userId", "period", sum("tokens") AS t, count(*) AS n FROM done GROUP BY 1, 2 ORDER BY 1, 2
    ), upd AS (
      UPDATE "CapUsage" c SET "reservedTokens" = GREATEST(0, c."reservedTokens" - agg.t)
      FROM agg WHERE c."userId" = agg."userId" AND c."period" = agg."period"
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(n) FROM agg), 0) AS n, (SELECT count(*) FROM upd) AS u`,
    JSON.stringify(usage),
  );
  return Number(rows[0]?.n ?? 0);
}
