// What the cap counters' change notices cost a reservation, in PostgreSQL alone (no server): the decision path's
// reservation statement (RESERVE_BATCH_SQL with one reservation per statement, as each decision that carries an estimate sent it before batching) from
// RESERVE_CONNECTIONS (20: two workers' pools) connections in a closed loop, on a throwaway copy of the database,
// in rotating order:
//   every change announced   the update trigger as it was before migration cap_reservation_notices_near_full,
//                            two listening connections (two server workers)
//   ... 0 listeners          the same, nobody listening
//   ... async commit         the same, synchronous_commit off for the reserving sessions
//   as migrated              reservations with more than a tenth of the cap left are not announced
//   as migrated, near full   each reservation leaves less than a tenth of its (per-call) limit, so each announces
//   no trigger               the update trigger disabled
// Per phase: reservations/s, p50/p99/max, PostgreSQL CPU per reservation (that database's backends and the shared
// processes, from /proc) and the notices the listeners received.
// Run: DATABASE_URL=postgresql://... npx tsx --conditions=react-server bench/reserve-notify.ts
// (RESERVE_SECONDS per phase, 8; RESERVE_ROUNDS, 3; RESERVE_CONNECTIONS, 20; RESERVE_PEOPLE, 200)
import { Client } from "pg";
import { loadavg } from "node:os";
import { RESERVE_BATCH_SQL, reserveBatchParams } from "../lib/caps/cap-usage";
import { createScratchCopy } from "./scratch-database";
import { startPostgresCpuMeter } from "./support";

const url = process.env.DATABASE_URL ?? "";
const seconds = Number(process.env.RESERVE_SECONDS ?? 8);
const rounds = Number(process.env.RESERVE_ROUNDS ?? 3);
const connections = Number(process.env.RESERVE_CONNECTIONS ?? 20);
const people = Number(process.env.RESERVE_PEOPLE ?? 200);

type Trigger = "before" | "migrated" | "none";
type Phase = { name: string; trigger: Trigger; listeners: number; asyncCommit?: boolean; nearFull?: boolean };
const phases: Phase[] = [
  { name: "every change announced", trigger: "before", listeners: 2 },
  { name: "... 0 listeners", trigger: "before", listeners: 0 },
  { name: "... async commit", trigger: "before", listeners: 2, asyncCommit: true },
  { name: "as migrated", trigger: "migrated", listeners: 2 },
  { name: "as migrated, near full", trigger: "migrated", listeners: 2, nearFull: true },
  { name: "no trigger", trigger: "none", listeners: 2 },
];

// The update trigger as migration 20261128014500_cap_counter_notifications created it.
const TRIGGER_BEFORE = `DROP TRIGGER "CapUsage_notify_update" ON "CapUsage";
CREATE TRIGGER "CapUsage_notify_update" AFTER UPDATE ON "CapUsage"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "guardrail_notify_cap_counters"()`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function connect(target: string) {
  const c = new Client({ connectionString: target });
  await c.connect();
  return c;
}

async function runPhase(target: string, phase: Phase, used: Map<string, number>, period: string, toolId: string, migratedTrigger: string) {
  const userIds = [...used.keys()];
  const admin = await connect(target);
  await admin.query(phase.trigger === "before" ? TRIGGER_BEFORE : migratedTrigger);
  if (phase.trigger === "none") await admin.query(`ALTER TABLE "CapUsage" DISABLE TRIGGER "CapUsage_notify_update"`);
  let notices = 0;
  const listeners = await Promise.all(Array.from({ length: phase.listeners }, () => connect(target)));
  for (const l of listeners) {
    l.on("notification", () => notices++);
    await l.query("LISTEN guardrail_cap_counters");
  }
  const clients = await Promise.all(Array.from({ length: connections }, () => connect(target)));
  if (phase.asyncCommit) for (const c of clients) await c.query("SET synchronous_commit = off");
  // A room so large that every reservation succeeds (the benchmark is the statement, not the cap); near full, a
  // limit just above what the reservation brings the person to (every phase starts with nothing reserved).
  const reserved = new Map<string, number>();
  const limitFor = (userId: string) => {
    if (!phase.nearFull) return Number.MAX_SAFE_INTEGER;
    const after = (reserved.get(userId) ?? 0) + 1000;
    reserved.set(userId, after);
    return Math.floor((used.get(userId)! + after) * 1.05);
  };
  const latencies: number[] = [];
  let noRoom = 0; // near full, two connections can take one person's turns out of order
  const meter = startPostgresCpuMeter(target);
  const end = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const userId = userIds[i++ % userIds.length];
        const limit = limitFor(userId);
        const t0 = performance.now();
        const { rows } = await c.query({ name: "reserve", text: RESERVE_BATCH_SQL, values: reserveBatchParams([{ userId, period, tokens: 1000, limit, toolId }], 600) });
        if (!rows[0]?.reservationId) noRoom++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const pgCpu = meter.seconds();
  await new Promise((r) => setTimeout(r, 200)); // the last notices
  await Promise.all([...clients, ...listeners].map((c) => c.end()));
  await admin.query(migratedTrigger);
  // the reservations made are given back, so every phase starts from the same table
  await admin.query(`DELETE FROM "CapReservation"`);
  await admin.query(`UPDATE "CapUsage" SET "reservedTokens" = 0 WHERE "reservedTokens" <> 0`);
  await admin.query(`VACUUM "CapUsage", "CapReservation"`);
  await admin.end();
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  console.log(
    `${phase.name.padEnd(24)} ${(n / seconds).toFixed(0).padStart(6)}/s  p50 ${quantile(latencies, 0.5).toFixed(2)} ms  p99 ${quantile(latencies, 0.99).toFixed(2)} ms  max ${latencies[n - 1].toFixed(1)} ms  PG CPU ${((pgCpu / n) * 1000).toFixed(3)} ms/reservation  notices ${notices}${noRoom ? `  no room ${noRoom}` : ""}  load ${loadavg()[0].toFixed(2)}`,
  );
}

async function main() {
  const copy = await createScratchCopy(url, "notify");
  try {
    const c = await connect(copy.url);
    const period = new Date().toISOString().slice(0, 7);
    const { rows: users } = await c.query(`SELECT "id" FROM "User" ORDER BY "id" LIMIT $1`, [people]);
    const { rows: tools } = await c.query(`SELECT "id" FROM "Tool" ORDER BY "id" LIMIT 1`);
    const userIds = users.map((u: { id: string }) => u.id);
    await c.query(`INSERT INTO "CapUsage" ("userId", "period") SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`, [userIds, period]);
    await c.query(`DELETE FROM "CapReservation"`);
    await c.query(`UPDATE "CapUsage" SET "reservedTokens" = 0 WHERE "reservedTokens" <> 0`);
    const { rows: trig } = await c.query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgname = 'CapUsage_notify_update'`);
    const { rows: counters } = await c.query(`SELECT "userId", "usedTokens" FROM "CapUsage" WHERE "period" = $1 AND "userId" = ANY($2::text[])`, [period, userIds]);
    const used = new Map<string, number>(counters.map((r: { userId: string; usedTokens: string }) => [r.userId, Number(r.usedTokens)]));
    const migratedTrigger = `DROP TRIGGER "CapUsage_notify_update" ON "CapUsage"; ${trig[0].def}`;
    await c.end();
    console.log(`${userIds.length} people, ${connections} connections, ${seconds} s per phase, ${rounds} rounds`);
    for (let r = 0; r < rounds; r++) {
      const order = phases.map((_, k) => phases[(k + r) % phases.length]);
      for (const phase of order) await runPhase(copy.url, phase, used, period, tools[0].id, migratedTrigger);
    }
  } finally {
    await copy.drop();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
