import { hotQuery } from "@/lib/db/hot-query";
import { logger } from "@/lib/logging/logger";
import { GIVE_BACK_SQL } from "./give-back-sql";

/** A reservation carved from a lease in memory, to be written as its own CapReservation row (cap-leases.ts). */
export type LeaseGrant = { id: string; leaseId: string; userId: string; period: string; tokens: number; toolId: string };

/**
 * Writes grants ($1: JSON array of LeaseGrant; $2: the reservations' lifetime in seconds): each becomes a reservation
 * row with the id the decision already used, and its lease row shrinks by the tokens written, so the counter does not
 * move. Sent again after a failure it changes nothing twice (a row already written is skipped, and only what is
 * inserted shrinks a lease). A grant whose lease row is gone (the expiry sweep gave the lease back: this worker
 * stalled past the lease's lifetime) holds its tokens in the counter again.
 */
export const WRITE_LEASE_GRANTS_SQL = `
WITH g AS (
  SELECT * FROM json_to_recordset($1::json) AS g("id" text, "leaseId" text, "userId" text, "period" text, "tokens" bigint, "toolId" text)
), ins AS (
  INSERT INTO "CapReservation" ("id", "userId", "period", "tokens", "toolId", "createdAt", "expiresAt")
  SELECT g."id", g."userId", g."period", g."tokens", g."toolId", (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::int) FROM g
  ON CONFLICT ("id") DO NOTHING
  RETURNING "id", "userId", "period", "tokens"
), per_lease AS (
  SELECT g."leaseId", sum(ins."tokens") AS t FROM ins JOIN g ON g."id" = ins."id" GROUP BY 1 ORDER BY 1
), shrunk AS (
  -- by primary key: a join could scan every open reservation on the prepared statement's generic plan
  UPDATE "CapReservation" r SET "tokens" = r."tokens" - (SELECT p.t FROM per_lease p WHERE p."leaseId" = r."id")
  WHERE r."id" = ANY (ARRAY(SELECT "leaseId" FROM per_lease)) AND r."toolId" IS NULL
  RETURNING r."id"
), lost AS (
  SELECT ins."userId", ins."period", sum(ins."tokens") AS t FROM ins JOIN g ON g."id" = ins."id"
  WHERE g."leaseId" NOT IN (SELECT "id" FROM shrunk) GROUP BY 1, 2 ORDER BY 1, 2
), held AS (
  UPDATE "CapUsage" c SET "reservedTokens" = c."reservedTokens" + lost.t FROM lost WHERE c."userId" = lost."userId" AND c."period" = lost."period"
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins) AS "written", (SELECT count(*) FROM held) AS "lost"`;

/** Deletes lease rows ($1: their ids) and gives back what they still hold. Selects how many were given back (`n`). */
export const RELEASE_LEASES_SQL = `
WITH gone AS (
  DELETE FROM "CapReservation" WHERE "id" = ANY($1::text[]) AND "toolId" IS NULL RETURNING "userId", "period", "tokens", "buckets"
)${GIVE_BACK_SQL("gone")}`;

export type LeaseWriterStats = { written: number; lost: number; released: number; failures: number; pending: number };

type Query = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;
/** `query`: how statements are sent (hotQuery; tests pass their own). */
type Options = { ttlSeconds: () => number; retryMs?: number; maxRetryMs?: number; query?: Query };

/**
 * One worker's queue of grants and lease releases, written one statement at a time: what arrives while one runs goes
 * in the next. Grants are written before the releases queued with them, so a lease is given back only after every
 * grant carved from it shrank it. A failed write is tried again (1 s, doubling to 30 s), keeping its order.
 */
export function leaseGrantWriter(options: Options) {
  let grants: LeaseGrant[] = [];
  let releases: string[] = [];
  let running: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = options.retryMs ?? 1000;
  const stats: LeaseWriterStats = { written: 0, lost: 0, released: 0, failures: 0, pending: 0 };
  const query: Query = options.query ?? ((name, text, values) => hotQuery(name, text, values));

  async function writeOnce() {
    const g = grants;
    const r = releases;
    grants = [];
    releases = [];
    try {
      if (g.length) {
        const [row] = await query<{ written: string | number; lost: string | number }>("cap_lease_grants", WRITE_LEASE_GRANTS_SQL, [JSON.stringify(g), options.ttlSeconds()]);
        stats.written += Number(row?.written ?? 0);
        stats.lost += Number(row?.lost ?? 0);
      }
      if (r.length) {
        // Grants written above: a failure below must not send them again (they would be skipped anyway).
        g.length = 0;
        await query("cap_lease_release", RELEASE_LEASES_SQL, [r]);
        stats.released += r.length;
      }
      delay = options.retryMs ?? 1000;
    } catch (err) {
      stats.failures++;
      grants = [...g, ...grants];
      releases = [...r, ...releases];
      logger.warn({ err, grants: grants.length, releases: releases.length }, "cap leases: writing grants failed; trying again");
      throw err;
    }
  }

  function drain(): Promise<void> {
    if (running || retry) return running ?? Promise.resolve();
    running = (async () => {
      try {
        while (grants.length || releases.length) await writeOnce();
      } catch {
        retry = setTimeout(() => {
          retry = null;
          void drain();
        }, delay);
        retry.unref();
        delay = Math.min(delay * 2, options.maxRetryMs ?? 30_000);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    grant(g: LeaseGrant) {
      grants.push(g);
      void drain();
    },
    release(leaseIds: string[]) {
      if (!leaseIds.length) return;
      releases.push(...leaseIds);
      void drain();
    },
    /** Writes everything queued now (a stopping worker, tests); rejects when the database refuses. */
    async flush() {
      // Through drain() like every write, so that one statement at a time keeps grants before their releases.
      for (;;) {
        if (retry) {
          clearTimeout(retry);
          retry = null;
        }
        const failures = stats.failures;
        await running;
        if (stats.failures === failures && !grants.length && !releases.length) return;
        if (stats.failures === failures) await drain();
        if (stats.failures > failures) throw new Error("cap leases: writing grants failed");
      }
    },
    stats: (): LeaseWriterStats => ({ ...stats, pending: grants.length + releases.length }),
  };
}
