// Where PostgreSQL time goes per batch of ingested events, next to a raw COPY of the same rows: one connection, batches of
// BENCH_BATCH (1,000) events built from the seeded usage (new ids), timed per statement, each batch committed, on a
// throwaway copy of the database (CREATE DATABASE ... TEMPLATE). The database must run on this machine for its CPU to be read.
// Run: DATABASE_URL=postgresql://... npx tsx --conditions=react-server bench/ingest-sql.ts   (BENCH_BATCHES, BENCH_BATCH, BENCH_TODAY,
// BENCH_PARTITIONS=1 with BENCH_ROUNDS)
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadavg } from "node:os";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { INSERT_SQL, timeOrderedIds } from "../lib/usage/store-events";
import { withScratchDatabase } from "./scratch-database";

const url = process.env.DATABASE_URL ?? "";
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);

type Row = Record<string, unknown>;

async function sampleRows(c: Client, n: number): Promise<Row[]> {
  const { rows } = await c.query(
    `SELECT e."occurredAt", e."userId", e."toolId", e."projectId", e."activityId", e."inputTokens", e."outputTokens", e."costUsd"::text AS "costUsd",
       e."sessionId", e."source", e."outcome"::text AS "outcome", e."grantId", e."ruleId", e."reasonCodes", NULL AS "reviewItemId",
       to_char(e."occurredAt", 'YYYY-MM-DD') AS "day", to_char(e."occurredAt", 'YYYY-MM') AS "period", u."teamId", t."kind"::text AS "toolKind"
     FROM "UsageEvent" e JOIN "User" u ON u."id" = e."userId" JOIN "Tool" t ON t."id" = e."toolId" ORDER BY random() LIMIT $1`,
    [n],
  );
  return rows as Row[];
}

let serial = 0;
function batchRows(sample: Row[]): Row[] {
  const ids = timeOrderedIds(BATCH);
  const run = Date.now().toString(36);
  // BENCH_TODAY=1: every event happens now, as a gateway's live traffic does (the rollup rows of today, updated again
  // and again); otherwise each keeps its seeded date (90 days of rows, most rollup rows touched once).
  const now = process.env.BENCH_TODAY === "1" ? new Date() : null;
  const today = now && { occurredAt: now.toISOString(), day: now.toISOString().slice(0, 10), period: now.toISOString().slice(0, 7) };
  return ids.map((id, i) => ({ ...sample[(serial + i) % sample.length], ...today, id, externalId: `sqlbench-${run}-${serial++}` }));
}

// The statement as it was before the caps split (issue 18) added the per-tool and in-house counters.
const BEFORE_CAPS_SPLIT = INSERT_SQL.replace(/\), bucket AS \([\s\S]*?\), cap AS \(/, "), cap AS (").replace(/\s*\(SELECT coalesce\(json_agg\(b\)[^\n]*\n/, "\n");

// The statement as it was before ingestion wrote to UsageDailyRecent (migration 20261128074701): the same daily upsert
// into UsageDaily, and the monthly one beside it, both tables with their covering indexes, updated in place.
const DAILY_STEP = /\), daily AS \([\s\S]*?(?=\), bucket AS \()/;
const dailyStep = INSERT_SQL.match(DAILY_STEP)?.[0];
if (!dailyStep) throw new Error("bench/ingest-sql.ts: the daily rollup step of INSERT_SQL was not found");
const MONTHLY_STEP = `), monthly AS (
  INSERT INTO "UsageMonthly" ("month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents")
  SELECT date_trunc('month', "day")::date, "userId", "toolId", coalesce("projectId", ''), count(*), sum("inputTokens"), sum("outputTokens"),
    sum("costUsd"), count(*) FILTER (WHERE "outcome" = 'violation'), count(*) FILTER (WHERE "outcome" = 'over_cap')
  FROM j GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("month", "userId", "toolId", "projectId") DO UPDATE SET ${["events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents"].map((m) => `"${m}" = "UsageMonthly"."${m}" + excluded."${m}"`).join(", ")}
  RETURNING 1
`;
const ROLLUPS_BEFORE_RECENT_TABLE = INSERT_SQL.replace(DAILY_STEP, () => dailyStep.replaceAll('"UsageDailyRecent"', '"UsageDaily"') + MONTHLY_STEP);

const COLS = ["id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens", "outputTokens", "costUsd", "sessionId", "source", "outcome", "reasonCodes"];
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `{${v.map((x) => `"${String(x).replace(/["\\]/g, "\\$&")}"`).join(",")}}`.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
};

async function copyInto(c: Client, table: string, rows: Row[], cols = COLS) {
  const text = rows.map((r) => cols.map((col) => esc(r[col])).join("\t")).join("\n") + "\n";
  await pipeline(Readable.from([text]), c.query(copyFrom(`COPY ${table} (${cols.map((x) => `"${x}"`).join(", ")}) FROM STDIN`)));
}

// The staging variant: the batch is COPYed into a staging table, and the statement reads (and removes) it from there.
const STAGE_COLS = ["batchId", "id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens", "outputTokens", "costUsd", "sessionId", "source", "outcome", "grantId", "ruleId", "reasonCodes", "reviewItemId", "day", "period", "teamId", "toolKind"];
const STAGE_TABLE = `CREATE TEMP TABLE bench_stage ("batchId" text, "id" text, "externalId" text, "occurredAt" timestamp, "userId" text, "toolId" text,
    "projectId" text, "activityId" text, "inputTokens" int, "outputTokens" int, "costUsd" numeric, "sessionId" text,
    "source" text, "outcome" text, "grantId" text, "ruleId" text, "reasonCodes" text[], "reviewItemId" text,
    "day" date, "period" text, "teamId" text, "toolKind" text, "batch" int)`;
const FROM_STAGE = INSERT_SQL.replace(/SELECT \* FROM json_to_recordset\(\$1::json\) AS s\([^)]*\)/, `DELETE FROM bench_stage WHERE "batchId" = $1 RETURNING *`);

// Monthly partitions of UsageEvent (BENCH_PARTITIONS=1), against a plain copy built the same way so that both are
// equally fresh. A partitioned table's unique indexes must hold the partition key, so the idempotency key becomes
// ("externalId", "occurredAt") and the primary key ("id", "occurredAt").
const EVENT_INDEXES = [`("userId", "occurredAt")`, `("projectId", "userId", "occurredAt")`, `("reviewItemId", "occurredAt")`, `("occurredAt")`];
async function eventTableCopy(c: Client, name: string, partitioned: boolean) {
  const byMonth = partitioned ? ` PARTITION BY RANGE ("occurredAt")` : "";
  await c.query(`CREATE TABLE "${name}" (LIKE "UsageEvent" INCLUDING DEFAULTS)${byMonth}`);
  if (partitioned) {
    const { rows } = await c.query<{ m: string }>(
      `SELECT to_char(m, 'YYYY-MM-DD') AS m FROM generate_series(date_trunc('month', (SELECT min("occurredAt") FROM "UsageEvent")),
         date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month', interval '1 month') AS m`,
    );
    for (const { m } of rows) await c.query(`CREATE TABLE "${name}_${m.slice(0, 7).replace("-", "_")}" PARTITION OF "${name}" FOR VALUES FROM ('${m}') TO ('${m}'::date + interval '1 month')`);
  }
  await c.query(`INSERT INTO "${name}" SELECT * FROM "UsageEvent"`);
  const key = partitioned ? `, "occurredAt"` : "";
  await c.query(`ALTER TABLE "${name}" ADD PRIMARY KEY ("id"${key})`);
  await c.query(`CREATE UNIQUE INDEX ON "${name}" ("externalId"${key})`);
  for (const cols of EVENT_INDEXES) await c.query(`CREATE INDEX ON "${name}" ${cols}`);
  await c.query(`ALTER TABLE "${name}" ADD FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE SET NULL`);
  await c.query(`ALTER TABLE "${name}" ADD FOREIGN KEY ("reviewItemId") REFERENCES "ReviewItem"("id") ON DELETE SET NULL`);
  await c.query(`VACUUM ANALYZE "${name}"`);
  return INSERT_SQL.replace(`INSERT INTO "UsageEvent" (`, `INSERT INTO "${name}" (`).replace(`ON CONFLICT ("externalId")`, `ON CONFLICT ("externalId"${key})`);
}

async function comparePartitions(c: Client, sample: Row[]) {
  const flat = await eventTableCopy(c, "bench_events_flat", false);
  const byMonth = await eventTableCopy(c, "bench_events_by_month", true);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  for (let r = 1; r <= rounds; r++) {
    // Alternating which goes first, so neither always follows the other's checkpoint or autovacuum.
    const pair: [string, string][] = [[`plain copy of UsageEvent, round ${r}`, flat], [`monthly partitions, round ${r}`, byMonth]];
    for (const [label, sql] of r % 2 ? pair : pair.reverse()) await time(label, BATCHES, () => c.query(sql, [JSON.stringify(batchRows(sample)), 1, null, null]));
  }
}

/** CPU seconds the connection's PostgreSQL backend has used: what a batch costs the database (set in main). */
let backendCpu: () => number = () => NaN;

async function time(label: string, n: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  const cpu0 = backendCpu();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const cpuMs = ((backendCpu() - cpu0) * 1000) / n;
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
  console.log(
    `${label.padEnd(62)} | median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms | mean ${mean.toFixed(1)} ms | PostgreSQL CPU ${cpuMs.toFixed(0)} ms per ${BATCH} events` +
      ` | ${Math.round((BATCH * 1000) / mean).toLocaleString("en-US")} events/s on one connection`,
  );
}

async function main() {
  // Work on a copy of the database: every batch commits (as ingestion does), and the copy is dropped at the end.
  await withScratchDatabase(url, "sqlbench", async (c, { source, backendCpu: cpu }) => {
    backendCpu = cpu;
    console.log(`${BATCHES} batches of ${BATCH} per line, database ${source} (copied), machine load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    const sample = await sampleRows(c, 20_000);
    await c.query(`CREATE TEMP TABLE bench_plain (LIKE "UsageEvent" INCLUDING DEFAULTS)`);
    await time("raw COPY into a plain table (no index, no key)", BATCHES, () => copyInto(c, "bench_plain", batchRows(sample)));
    await c.query(`CREATE TEMP TABLE bench_indexed (LIKE "UsageEvent" INCLUDING ALL)`);
    await time("COPY into a copy of UsageEvent with its indexes", BATCHES, () => copyInto(c, "bench_indexed", batchRows(sample)));
    await time("ingestion statement (events, rollups, caps)", BATCHES, () => c.query(INSERT_SQL, [JSON.stringify(batchRows(sample)), 1, null, null]));
    await time("the same without CapBucketUsage (as before the caps split)", BATCHES, () => c.query(BEFORE_CAPS_SPLIT, [JSON.stringify(batchRows(sample)), 1, null, null]));
    await time("rollups as before UsageDailyRecent (daily and monthly)", BATCHES, () => c.query(ROLLUPS_BEFORE_RECENT_TABLE, [JSON.stringify(batchRows(sample)), 1, null, null]));
    await c.query(STAGE_TABLE);
    await time("COPY into staging, then the statement from staging", BATCHES, async () => {
      const batchId = `b${serial}`;
      await copyInto(c, "bench_stage", batchRows(sample).map((r) => ({ ...r, batchId })), STAGE_COLS);
      await c.query(FROM_STAGE, [batchId, 1, null, null]);
    });
    await time("ingestion statement (again)", BATCHES, () => c.query(INSERT_SQL, [JSON.stringify(batchRows(sample)), 1, null, null]));
    // As before migration usage_event_catalog_keys: the person, tool, project and activity foreign keys (NOT VALID
    // skips checking the rows already stored; every new row is checked, as with the keys).
    for (const [col, table] of [["userId", "User"], ["toolId", "Tool"], ["projectId", "Project"], ["activityId", "Activity"]])
      await c.query(`ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_${col}_fkey" FOREIGN KEY ("${col}") REFERENCES "${table}"("id") NOT VALID`);
    await time("the same with the four catalog foreign keys (as before)", BATCHES, () => c.query(INSERT_SQL, [JSON.stringify(batchRows(sample)), 1, null, null]));
    for (const col of ["userId", "toolId", "projectId", "activityId"]) await c.query(`ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_${col}_fkey"`);
    if (process.env.BENCH_PARTITIONS === "1") await comparePartitions(c, sample);
    if (process.env.BENCH_EXPLAIN) {
      // Where the statement's time goes, node by node (auto_explain gave the same picture).
      const plan = await c.query(`EXPLAIN (ANALYZE, TIMING, FORMAT TEXT) ${INSERT_SQL}`, [JSON.stringify(batchRows(sample)), 1, null, null]);
      for (const r of plan.rows as { "QUERY PLAN": string }[]) if (/Insert|Update|Trigger|Execution|Planning|CTE |on "|Function Scan/.test(r["QUERY PLAN"])) console.log(r["QUERY PLAN"]);
    }
    console.log(`machine load after: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
