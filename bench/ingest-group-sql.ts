// What group commit saves in PostgreSQL: ingestion's statement (INSERT_SQL) over groups of 1,000 to 8,000 events, each
// committed, on a throwaway copy of the database, one connection; PostgreSQL CPU (that backend's, from /proc) and wall
// time per 1,000 events, with the rollup and counter rows each group touched. Events are the seeded usage's people,
// tools and projects, dated in the last hour (as bench/ingest.ts sends them), so larger groups share more rows.
// Run: DATABASE_URL=postgresql://... npx tsx --conditions=react-server bench/ingest-group-sql.ts
// (SIZES=1000,2000,4000,8000,1000; TOTAL events per size, 24000; EXPLAIN=1 adds the plans of 1,000 and 4,000)
import { loadavg } from "node:os";
import { INSERT_SQL, timeOrderedIds } from "../lib/usage/store-events";
import { withScratchDatabase } from "./scratch-database";

const url = process.env.DATABASE_URL ?? "";
type Row = Record<string, unknown>;
let serial = 0;
async function main() {
  await withScratchDatabase(url, "grp", async (c, { backendCpu }) => {
    const { rows: sample } = await c.query(
      `SELECT e."userId", e."toolId", e."projectId", e."activityId", e."inputTokens", e."outputTokens", e."costUsd"::text AS "costUsd",
         NULL AS "sessionId", 'bench' AS "source", e."outcome"::text AS "outcome", e."grantId", e."ruleId", e."reasonCodes", NULL AS "reviewItemId",
         to_char(now(), 'YYYY-MM-DD') AS "day", to_char(now(), 'YYYY-MM') AS "period", us."teamId", t."kind"::text AS "toolKind"
       FROM "UsageEvent" e JOIN "User" us ON us."id" = e."userId" JOIN "Tool" t ON t."id" = e."toolId" ORDER BY random() LIMIT 20000`,
    );
    const rows = (n: number): Row[] => {
      const ids = timeOrderedIds(n);
      const now = Date.now();
      return ids.map((id, i) => ({ ...(sample[(serial + i) % sample.length] as Row), id, externalId: `grp-${process.pid}-${serial++}`, occurredAt: new Date(now - (i % 3600) * 1000).toISOString() }));
    };
    const sizes = (process.env.SIZES ?? "1000,2000,4000,8000,1000").split(",").map(Number);
    const total = Number(process.env.TOTAL ?? 24000);
    console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    for (const size of sizes) {
      const n = Math.max(1, Math.round(total / size));
      const cpu0 = backendCpu();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        await c.query("BEGIN");
        const r = await c.query(INSERT_SQL, [JSON.stringify(rows(size)), 1, null, null]);
        await c.query("COMMIT");
        if (i === 0) console.log(`  size ${size}: daily ${r.rows[0].dailyRows}, caps ${r.rows[0].caps.length}, buckets ${r.rows[0].bucketCaps.length}`);
      }
      const wall = performance.now() - t0;
      const cpu = (backendCpu() - cpu0) * 1000;
      console.log(`batch ${size}: ${n} batches, PG CPU ${((cpu / n / size) * 1000).toFixed(1)} ms per 1000, wall ${((wall / n / size) * 1000).toFixed(1)} ms per 1000`);
    }
    console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    if (process.env.EXPLAIN) {
      for (const size of [1000, 4000]) {
        await c.query("BEGIN");
        const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${INSERT_SQL}`, [JSON.stringify(rows(size)), 1, null, null]);
        await c.query("COMMIT");
        console.log(`--- ${size}`);
        for (const r of plan.rows as { "QUERY PLAN": string }[]) console.log(r["QUERY PLAN"]);
      }
    }
  });
}
main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
