import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/tx";
import { dbHandle, prisma } from "@/lib/db/client";
import { withLargeParams } from "@/lib/db/large-param";
import type { ClassifiedEvent } from "./classify-events";
import { addMeasures } from "./daily-rollup";

// Set-based SQL for ingestion: every statement takes the whole batch as one JSON parameter, so a batch
// costs a handful of round trips whatever its size. The unique index on UsageEvent.externalId decides
// what is new (INSERT ... ON CONFLICT DO NOTHING), and the rollups are built from what it returned.

// Only a PostgreSQL pool's clients put large parameters back (lib/db/large-param.ts); PGlite gets the values.
const poolResolvesLargeParams = () => Boolean(dbHandle().pool);

export async function findStoredIds(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  // Not a prepared statement: a generic plan cannot know how many ids the parameter holds.
  const rows = await withLargeParams(poolResolvesLargeParams(), [JSON.stringify(ids)], ([list]) =>
    prisma.$queryRawUnsafe<{ externalId: string }[]>(
      `SELECT "externalId" FROM "UsageEvent" WHERE "externalId" IN (SELECT json_array_elements_text($1::json))`,
      list,
    ),
  );
  return new Set(rows.map((r) => r.externalId));
}

export type ViolationGroup = {
  groupKey: string;
  severity: string;
  title: string;
  userId: string;
  toolId: string;
  projectId: string | null;
  day: string;
  clauseIds: string[];
};

/**
 * One open review item per person, tool, project and day: creates the missing items and returns every group's item
 * id. Existing items are not locked here: the statement that stores the events updates them (severity, an item legal
 * had cleared opened again, counts), so their row locks are held from there to commit, not for the whole transaction.
 */
export async function upsertViolationItems(tx: Tx, groups: ViolationGroup[]): Promise<{ ids: Map<string, string>; newCritical: { id: string; groupKey: string }[] }> {
  const ids = new Map<string, string>();
  const newCritical: { id: string; groupKey: string }[] = [];
  // An item another transaction created after this statement began is not seen by it: looked up again.
  for (let pending = groups, round = 0; pending.length && round < 3; pending = groups.filter((g) => !ids.has(g.groupKey)), round++) {
    const rows = await tx.$queryRawUnsafe<{ id: string; groupKey: string; created: boolean; severity: string }[]>(
      `
      WITH g AS (
        SELECT * FROM json_to_recordset($1::json) AS g("groupKey" text, "severity" text, "title" text, "userId" text,
          "toolId" text, "projectId" text, "day" date, "clauseIds" text[])
      ), ins AS (
        INSERT INTO "ReviewItem" ("id", "type", "status", "severity", "groupKey", "title", "userId", "toolId", "projectId", "day")
        SELECT gen_random_uuid()::text, 'violation', 'open', g."severity"::"Severity", g."groupKey", g."title", g."userId", g."toolId", g."projectId", g."day"
        FROM g ORDER BY g."groupKey"
        ON CONFLICT ("groupKey") DO NOTHING
        RETURNING "id", "groupKey", "severity"::text AS "severity"
      ), items AS (
        SELECT "id", "groupKey", true AS "created", "severity" FROM ins
        UNION ALL
        SELECT r."id", r."groupKey", false, r."severity"::text FROM "ReviewItem" r JOIN g ON g."groupKey" = r."groupKey"
      ), cl AS (
        INSERT INTO "ReviewItemClause" ("reviewItemId", "clauseId")
        SELECT DISTINCT items."id", c FROM items JOIN g ON g."groupKey" = items."groupKey" CROSS JOIN LATERAL unnest(g."clauseIds") AS c
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT "id", "groupKey", "created", "severity" FROM items`,
      JSON.stringify(pending),
    );
    for (const r of rows) {
      ids.set(r.groupKey, r.id);
      if (r.created && r.severity === "critical") newCritical.push({ id: r.id, groupKey: r.groupKey });
    }
  }
  return { ids, newCritical };
}

export type CapCounterRow = { userId: string; period: string; usedTokens: number; alert80At: string | null; alert100At: string | null };

export type StoredBatch = {
  inserted: number;
  outcomes: Partial<Record<string, number>>;
  /** the external (monthly) cap counters the batch moved */
  caps: CapCounterRow[];
  /** the in-house and per-tool counters the batch moved */
  bucketCaps: (CapCounterRow & { bucket: string })[];
  usage: { userId: string; toolId: string; n: number }[];
  /** per request of a group (its index): events stored and their outcomes */
  byBatch: Map<number, { inserted: number; outcomes: Partial<Record<string, number>> }>;
};

export const INSERT_SQL = `
WITH src AS (
  SELECT * FROM json_to_recordset($1::json) AS s("id" text, "externalId" text, "occurredAt" timestamp, "userId" text, "toolId" text,
    "projectId" text, "activityId" text, "inputTokens" int, "outputTokens" int, "costUsd" numeric, "sessionId" text,
    "source" text, "outcome" text, "grantId" text, "ruleId" text, "reasonCodes" text[], "reviewItemId" text,
    "day" date, "period" text, "teamId" text, "toolKind" text, "batch" int)
), ins AS (
  INSERT INTO "UsageEvent" ("id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens",
    "outputTokens", "costUsd", "sessionId", "source", "outcome", "grantId", "ruleId", "policyVersion", "reasonCodes",
    "reviewItemId", "apiKeyId")
  SELECT s."id", s."externalId", s."occurredAt", s."userId", s."toolId", s."projectId", s."activityId",
    s."inputTokens", s."outputTokens", s."costUsd", s."sessionId", s."source", s."outcome"::"UsageOutcome", s."grantId",
    s."ruleId", $2::int, s."reasonCodes", s."reviewItemId", $3::json ->> coalesce(s."batch", 0)
  FROM src s
  ON CONFLICT ("externalId") DO NOTHING
  RETURNING "externalId"
), j AS (
  SELECT s.* FROM ins JOIN src s ON s."externalId" = ins."externalId"
), daily AS (
  -- UsageDailyRecent only: its updates are heap-only (no covering index); the fold moves closed days to UsageDaily and UsageMonthly.
  INSERT INTO "UsageDailyRecent" ("day", "userId", "toolId", "projectId", "teamId", "events", "inputTokens", "outputTokens",
    "costUsd", "violations", "overCapEvents")
  SELECT "day", "userId", "toolId", coalesce("projectId", ''), max("teamId"), count(*), sum("inputTokens"), sum("outputTokens"),
    sum("costUsd"), count(*) FILTER (WHERE "outcome" = 'violation'), count(*) FILTER (WHERE "outcome" = 'over_cap')
  FROM j GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day", "userId", "toolId", "projectId") DO UPDATE SET
    ${addMeasures("UsageDailyRecent")},
    "teamId" = coalesce(excluded."teamId", "UsageDailyRecent"."teamId")
  RETURNING 1
), bucket AS (
  -- Every tool's counter, and the in-house tools' counter; before CapUsage (the lock order of reserveTokens).
  INSERT INTO "CapBucketUsage" ("userId", "period", "bucket", "usedTokens")
  SELECT "userId", "period", "bucket", sum(t) FROM (
    SELECT "userId", "period", 'tool:' || "toolId" AS "bucket", "inputTokens"::bigint + "outputTokens" AS t FROM j
    UNION ALL
    SELECT "userId", "period", 'in_house', "inputTokens"::bigint + "outputTokens" FROM j WHERE "toolKind" = 'internal'
  ) b GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("userId", "period", "bucket") DO UPDATE SET "usedTokens" = "CapBucketUsage"."usedTokens" + excluded."usedTokens"
  RETURNING "userId", "period", "bucket", "usedTokens", "alert80At", "alert100At"
), cap AS (
  -- The monthly cap counts external tools only: the in-house assistant never uses up the external budget.
  INSERT INTO "CapUsage" ("userId", "period", "usedTokens")
  SELECT "userId", "period", sum("inputTokens"::bigint + "outputTokens") FROM j WHERE "toolKind" = 'external' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("userId", "period") DO UPDATE SET "usedTokens" = "CapUsage"."usedTokens" + excluded."usedTokens"
  RETURNING "userId", "period", "usedTokens", "alert80At", "alert100At"
), items AS MATERIALIZED (
  -- The batch's review items ($4: id and the group's severity), locked in id order (the only place ingestion locks them).
  SELECT r."id", v."severity" FROM json_to_recordset($4::json) AS v("id" text, "severity" text) JOIN "ReviewItem" r ON r."id" = v."id"
  ORDER BY r."id" FOR NO KEY UPDATE OF r
), rev AS (
  UPDATE "ReviewItem" r SET "eventCount" = r."eventCount" + coalesce(a.n, 0), "tokens" = r."tokens" + coalesce(a.t, 0),
    "firstEventAt" = LEAST(r."firstEventAt", a.f), "lastEventAt" = GREATEST(r."lastEventAt", a.l),
    "severity" = GREATEST(r."severity", items."severity"::"Severity"),
    "status" = CASE WHEN r."status" = 'cleared' THEN 'open'::"ReviewStatus" ELSE r."status" END,
    "resolvedAt" = CASE WHEN r."status" = 'cleared' THEN NULL ELSE r."resolvedAt" END,
    "version" = r."version" + CASE WHEN r."status" = 'cleared' THEN 1 ELSE 0 END
  FROM items LEFT JOIN (
    SELECT "reviewItemId", count(*)::int AS n, sum("inputTokens"::bigint + "outputTokens") AS t, min("occurredAt") AS f, max("occurredAt") AS l
    FROM j WHERE "reviewItemId" IS NOT NULL GROUP BY 1
  ) a ON a."reviewItemId" = items."id"
  WHERE r."id" = items."id"
  RETURNING 1
)
SELECT
  (SELECT count(*)::int FROM j) AS "inserted",
  (SELECT coalesce(json_object_agg(o, n), '{}'::json) FROM (SELECT "outcome" AS o, count(*) AS n FROM j GROUP BY 1) x) AS "outcomes",
  (SELECT coalesce(json_agg(b), '[]'::json) FROM bucket b) AS "bucketCaps",
  (SELECT coalesce(json_agg(c), '[]'::json) FROM cap c) AS "caps",
  (SELECT coalesce(json_agg(u), '[]'::json) FROM (SELECT "userId", "toolId", count(*)::int AS n FROM j GROUP BY 1, 2) u) AS "usage",
  (SELECT coalesce(json_agg(x), '[]'::json) FROM (SELECT coalesce("batch", 0) AS "batch", "outcome" AS o, count(*)::int AS n FROM j GROUP BY 1, 2) x) AS "byBatch",
  (SELECT count(*)::int FROM daily) AS "dailyRows",
  (SELECT count(*)::int FROM rev) AS "reviewRows"`;

/**
 * Inserts the new events and, in the same statement, adds exactly those to the rollups, caps and review items.
 * Events of a group of requests carry their request's index (`batchOf`; 0 without it), which picks the request's
 * API key from `apiKeyIds` and splits the counts per request in `byBatch`.
 */
export async function insertEvents(
  tx: Tx,
  events: ClassifiedEvent[],
  ctx: { policyVersion: number; reviewItemIds: Map<string, string>; apiKeyIds: (string | null)[]; batchOf?: Map<ClassifiedEvent, number>; groups?: ViolationGroup[] },
): Promise<StoredBatch> {
  const ids = timeOrderedIds(events.length);
  const rows = events.map((e, i) => ({
    id: ids[i],
    externalId: e.input.id,
    occurredAt: e.occurredAt.toISOString(),
    userId: e.person.id,
    toolId: e.tool.id,
    projectId: e.projectId,
    activityId: e.activityId,
    inputTokens: e.input.inputTokens,
    outputTokens: e.input.outputTokens,
    costUsd: e.costUsd,
    sessionId: e.input.sessionId ?? null,
    source: e.input.source ?? null,
    outcome: e.outcome,
    grantId: e.grantId,
    ruleId: e.ruleId,
    reasonCodes: e.reasonCodes,
    reviewItemId: e.outcome === "violation" ? (ctx.reviewItemIds.get(violationGroupKey(e)) ?? null) : null,
    day: e.day,
    period: e.period,
    teamId: e.person.teamId,
    toolKind: e.tool.kind,
    batch: ctx.batchOf?.get(e) ?? 0,
  }));
  type Raw<T> = (Omit<T, "usedTokens"> & { usedTokens: number | string })[];
  type Result = {
    inserted: number;
    outcomes: StoredBatch["outcomes"];
    caps: Raw<CapCounterRow>;
    bucketCaps: Raw<StoredBatch["bucketCaps"][number]>;
    usage: StoredBatch["usage"];
    byBatch: { batch: number; o: string; n: number }[];
  };
  const items = (ctx.groups ?? []).flatMap((g) => (ctx.reviewItemIds.has(g.groupKey) ? [{ id: ctx.reviewItemIds.get(g.groupKey), severity: g.severity }] : []));
  // The events' parameter is the size of the group's bodies: it skips Prisma's parameter handling on PostgreSQL.
  const result = await withLargeParams(poolResolvesLargeParams(), [JSON.stringify(rows)], ([events]) =>
    tx.$queryRawUnsafe<Result[]>(INSERT_SQL, events, ctx.policyVersion, JSON.stringify(ctx.apiKeyIds), JSON.stringify(items)),
  );
  const r = result[0];
  const byBatch: StoredBatch["byBatch"] = new Map();
  for (const { batch, o, n } of r.byBatch) {
    const b = byBatch.get(batch) ?? { inserted: 0, outcomes: {} };
    b.inserted += n;
    b.outcomes[o] = n;
    byBatch.set(batch, b);
  }
  return {
    inserted: Number(r.inserted),
    outcomes: r.outcomes,
    caps: r.caps.map((c) => ({ ...c, usedTokens: Number(c.usedTokens) })),
    bucketCaps: r.bucketCaps.map((c) => ({ ...c, usedTokens: Number(c.usedTokens) })),
    usage: r.usage,
    byBatch,
  };
}

const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");

/**
 * UUIDv7s (time first): new events land at the right edge of the primary key index instead of at
 * random pages, which made the bulk insert about four times faster on a table larger than the cache.
 * The random part for the whole batch is drawn at once, and the ids are spelled into one buffer: one string per
 * id and nothing else (ingestion makes one per event).
 */
export function timeOrderedIds(n: number): string[] {
  const bytes = randomBytes(16 * n);
  const ms = Date.now();
  const text = Buffer.allocUnsafe(36 * n);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 16;
    bytes.writeUIntBE(ms, o, 6);
    bytes[o + 6] = (bytes[o + 6] & 0x0f) | 0x70;
    bytes[o + 8] = (bytes[o + 8] & 0x3f) | 0x80;
    let at = i * 36;
    for (let k = 0; k < 16; k++) {
      if (k === 4 || k === 6 || k === 8 || k === 10) text[at++] = 0x2d; // "-"
      text[at++] = HEX_DIGITS[bytes[o + k] >> 4];
      text[at++] = HEX_DIGITS[bytes[o + k] & 0x0f];
    }
    ids[i] = text.toString("latin1", i * 36, i * 36 + 36);
  }
  return ids;
}

export function violationGroupKey(e: Pick<ClassifiedEvent, "person" | "tool" | "projectId" | "day">): string {
  return `violation:${e.person.id}:${e.tool.id}:${e.projectId ?? "-"}:${e.day}`;
}
