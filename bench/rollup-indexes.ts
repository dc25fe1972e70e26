// What each index layout of the daily rollup costs ingestion's upsert: four copies of the last 120 days of
// UsageDaily, one per layout, take the same 1,000-row `INSERT … ON CONFLICT DO UPDATE` as ingestion sends (every row an
// existing one, measures added), in turn (the order rotates each round, so the machine's drift falls on all four).
// Printed: PostgreSQL CPU (this connection's backend, from /proc) per 1,000-row upsert, less the CPU of picking the
// same number of rows alone, and the share of updates that were heap-only (HOT: no index entry written).
// Layouts: (a) UsageDaily with an index on (day) alone, as before migration 20261128045941; (b) UsageDaily as it is
// (what ingestion wrote to until migration 20261128074701); (c) no measure in any index: (userId, day) instead of the
// covering index, which makes the updates HOT but the reports read the table; (d) UsageDailyRecent, what ingestion
// writes now: the primary key alone, fillfactor 70.
// Run: DATABASE_URL=postgresql://... npx tsx bench/rollup-indexes.ts   (BENCH_ROUNDS, 60). The copies are dropped.
import { Client } from "pg";
import { loadavg } from "node:os";
import { backendCpuReader } from "./scratch-database";

const url = process.env.DATABASE_URL ?? "";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const COVERING = `"userId", "day", "toolId", "projectId", "teamId", "inputTokens", "outputTokens", "costUsd", "events", "violations"`;
const LAYOUTS: Record<string, { label: string; indexes: string[]; fillfactor?: number }> = {
  bench_rollup_a: { label: "(a) with an index on (day)", indexes: [`("teamId", "day")`, `(${COVERING})`, `("day")`] },
  bench_rollup_b: { label: "(b) UsageDaily", indexes: [`("teamId", "day")`, `(${COVERING})`] },
  bench_rollup_c: { label: "(c) no measure in an index", indexes: [`("teamId", "day")`, `("userId", "day")`] },
  bench_rollup_d: { label: "(d) UsageDailyRecent", indexes: [], fillfactor: 70 },
};

const upsert = (t: string) => `
  INSERT INTO ${t} ("day", "userId", "toolId", "projectId", "teamId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents")
  SELECT "day", "userId", "toolId", "projectId", "teamId", 1, 100, 100, 0.01, 0, 0 FROM ${t} ORDER BY random() LIMIT 1000
  ON CONFLICT ("day", "userId", "toolId", "projectId") DO UPDATE SET
    "events" = ${t}."events" + excluded."events", "inputTokens" = ${t}."inputTokens" + excluded."inputTokens",
    "outputTokens" = ${t}."outputTokens" + excluded."outputTokens", "costUsd" = ${t}."costUsd" + excluded."costUsd",
    "teamId" = coalesce(excluded."teamId", ${t}."teamId")`;
const pick = (t: string) => `SELECT "day", "userId", "toolId", "projectId", "teamId" FROM ${t} ORDER BY random() LIMIT 1000`;

async function main() {
  if (!url.startsWith("postgres")) throw new Error("Set DATABASE_URL to a seeded PostgreSQL database on this machine.");
  const c = new Client({ connectionString: url });
  await c.connect();
  const cpuSeconds = await backendCpuReader(c);
  const cpuMs = () => {
    const s = cpuSeconds();
    if (Number.isNaN(s)) throw new Error("PostgreSQL must run on this machine for its CPU to be read.");
    return s * 1000;
  };
  const tables = Object.keys(LAYOUTS);
  try {
    for (const t of tables) {
      await c.query(`DROP TABLE IF EXISTS ${t}`);
      await c.query(`CREATE TABLE ${t} (LIKE "UsageDaily" INCLUDING DEFAULTS)`);
      await c.query(`ALTER TABLE ${t} ADD PRIMARY KEY ("day", "userId", "toolId", "projectId")`);
      if (LAYOUTS[t].fillfactor) await c.query(`ALTER TABLE ${t} SET (fillfactor = ${LAYOUTS[t].fillfactor})`);
      for (const cols of LAYOUTS[t].indexes) await c.query(`CREATE INDEX ON ${t} ${cols}`);
      await c.query(`INSERT INTO ${t} SELECT * FROM "UsageDaily" WHERE "day" > current_date - 120`);
      await c.query(`VACUUM ANALYZE ${t}`);
    }
    const rows = (await c.query(`SELECT count(*)::int AS n FROM ${tables[0]}`)).rows[0].n as number;
    console.log(`${rows.toLocaleString("en-US")} rollup rows per copy, ${ROUNDS} rounds, load ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    const spent = Object.fromEntries(tables.map((t) => [t, { upsert: 0, pick: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < tables.length; k++) {
        const t = tables[(round + k) % tables.length];
        let c0 = cpuMs();
        await c.query(upsert(t));
        spent[t].upsert += cpuMs() - c0;
        c0 = cpuMs();
        await c.query(pick(t));
        spent[t].pick += cpuMs() - c0;
      }
    }
    await c.query("SELECT pg_stat_force_next_flush()"); // PostgreSQL 15: this backend's counters, now
    await c.query("SELECT 1");
    const hot = await c.query(`SELECT relname, n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = ANY($1)`, [tables]);
    for (const t of tables) {
      const s = hot.rows.find((r) => r.relname === t);
      console.log(
        `${LAYOUTS[t].label.padEnd(30)} | PostgreSQL CPU ${((spent[t].upsert - spent[t].pick) / ROUNDS).toFixed(1)} ms per 1,000 rows updated` +
          ` | heap-only updates ${s && s.upd ? Math.round((100 * s.hot) / s.upd) : 0} %`,
      );
    }
  } finally {
    for (const t of tables) await c.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    await c.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
