/**
 * The tail of a statement whose CTE `src` returned settled reservations: gives their tokens back to every counter
 * they held, bucket counters first, then CapUsage (the lock order of reserveTokens), each in key order, one
 * primary-key look-up at a time (as reservation batches and ingestion lock them: an `UPDATE … FROM` would lock in
 * whatever order its plan reads the table, and could deadlock with a batch, which then waits a second for PostgreSQL
 * to notice). Selects how many were settled.
 */
export const GIVE_BACK_SQL = (src: string) => `, agg AS (
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
