// Generates a year of usage for a synthetic org straight into PostgreSQL, for the report benchmark:
//   DATABASE_URL=postgresql://…/guardrail_reports_bench npx tsx --conditions=react-server scripts/generate-usage.ts --events 10000000
// Events are produced one day at a time and written in multi-row batches (unnest of arrays); the day's
// UsageDaily rows (added to UsageMonthly) and each month's CapUsage rows are written from the same numbers, so the rollups equal
// a recount of the events. Nothing but one day of rollups and one month of cap usage is held in memory.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb } from "@/lib/db/create-client";
import { setDbHandle, closeDb } from "@/lib/db/client";
import { seedCatalog } from "@/lib/seed/seed-catalog";
import { addDays } from "@/lib/calendar";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const EVENTS = Number(arg("events", "10000000"));
const PEOPLE = Number(arg("people", "5000"));
const DAYS = Number(arg("days", "365"));
const BATCH = Number(arg("batch", "10000"));
const URL_ = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(URL_)) throw new Error("Set DATABASE_URL to a postgresql:// database (e.g. guardrail_reports_bench).");

// Deterministic PRNG (mulberry32) so two runs make the same data.
let seed = 20261120;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

async function main() {
  const handle = createDb(URL_);
  setDbHandle(handle);
  const catalog = await seedCatalog();
  const pool = new pg.Pool({ connectionString: URL_, max: 2 });
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  const existing = await q(`SELECT COUNT(*)::int AS n FROM "UsageEvent"`);
  if (existing.rows[0].n > 0) throw new Error(`The database already holds ${existing.rows[0].n} usage events: use a fresh database.`);

  // Org: CEO (index 0) → 10 VPs → 10 directors each → 10 managers each → the rest spread evenly over the
  // 1,000 managers, so each VP's org is about 500 people. Directors lead a team under their VP's division team.
  const level = (i: number) => (i === 0 ? 0 : i <= 10 ? 1 : i <= 110 ? 2 : i <= 1110 ? 3 : 4);
  const managerOf = (i: number) => (i === 0 ? null : i <= 1110 ? Math.floor((i - 1) / 10) : 111 + ((i - 1111) % 1000));
  const ids = Array.from({ length: PEOPLE }, () => randomUUID());
  const teamOf: string[] = [];
  const teams: { id: string; slug: string; name: string; parentId: string | null }[] = [];
  const teamIdByLeader = new Map<number, string>();
  for (let i = 0; i < PEOPLE; i++) {
    const lv = level(i);
    if (lv === 1 || lv === 2) {
      const id = randomUUID();
      teamIdByLeader.set(i, id);
      teams.push({ id, slug: `bench-t${i}`, name: lv === 1 ? `Division ${i}` : `Team ${i}`, parentId: lv === 2 ? teamIdByLeader.get(managerOf(i)!)! : null });
    }
    let leader = i;
    while (level(leader) > 2) leader = managerOf(leader)!;
    teamOf.push(teamIdByLeader.get(leader) ?? "");
  }
  await q(`INSERT INTO "Team" ("id", "slug", "name", "parentId") SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [teams.map((t) => t.id), teams.map((t) => t.slug), teams.map((t) => t.name), teams.map((t) => t.parentId)]);
  const roles = (i: number) => (i === 0 ? "{admin,manager}" : level(i) <= 3 ? "{manager,engineer}" : "{engineer}");
  await q(
    `INSERT INTO "User" ("id", "email", "employeeId", "name", "roles", "teamId", "managerId")
     SELECT u.id, u.email, u.emp, u.name, u.roles::"Role"[], NULLIF(u.team, ''), u.mgr FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, email, emp, name, roles, team, mgr)`,
    [ids, ids.map((_, i) => `bench${i}@example.com`), ids.map((_, i) => `B${i}`), ids.map((_, i) => `Bench Person ${i}`), ids.map((_, i) => roles(i)), teamOf, ids.map((_, i) => (managerOf(i) === null ? null : ids[managerOf(i)!]))],
  );
  await q(`INSERT INTO "Cap" ("id", "scope", "role", "monthlyTokens") VALUES ($1, 'role', 'engineer', 60000000), ($2, 'role', 'manager', 80000000)`, [randomUUID(), randomUUID()]);

  const tools = ["claude-code", "codex", "gemini-cli", "copilot", "metacode"].map((s) => ({ slug: s, ...catalog.tools.get(s)! }));
  const prices: Record<string, [number, number]> = { "claude-code": [3, 15], codex: [1.25, 10], "gemini-cli": [1.25, 10], copilot: [2, 8], metacode: [0.4, 1.6] };
  const projects = [...catalog.projects.entries()].map(([key, p]) => ({ key, ...p }));
  const general = projects.filter((p) => p.sensitivity !== "training_data");
  const activity = catalog.activities.get("product-code")!.id;
  const training = catalog.activities.get("training-data-generation")!.id;
  // Each person mostly uses one favourite external tool and one or two projects; metacode's share grows over the year.
  const favourite = ids.map(() => pick(tools.filter((t) => t.kind === "external")));
  const homeProjects = ids.map(() => [pick(general), pick(general)]);
  const perDay = EVENTS / DAYS;
  const end = new Date().toISOString().slice(0, 10);
  const start = addDays(end, -(DAYS - 1));

  let written = 0;
  let buffer: unknown[][] = [];
  const flushEvents = async () => {
    if (!buffer.length) return;
    const cols = Array.from({ length: 11 }, (_, c) => buffer.map((r) => r[c]));
    await q(
      `INSERT INTO "UsageEvent" ("id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens", "outputTokens", "costUsd", "outcome")
       SELECT a, b, c, d, e, f, g, h, i, j, k::"UsageOutcome" FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::numeric[], $11::text[]) AS t(a, b, c, d, e, f, g, h, i, j, k)`,
      cols,
    );
    written += buffer.length;
    buffer = [];
  };
  let monthUsage = new Map<string, number>();
  let month = start.slice(0, 7);
  const flushMonth = async () => {
    await q(`INSERT INTO "CapUsage" ("userId", "period", "usedTokens") SELECT u, $2, n FROM unnest($1::text[], $3::bigint[]) AS t(u, n)`, [[...monthUsage.keys()], month, [...monthUsage.values()]]);
    monthUsage = new Map();
  };

  const t0 = Date.now();
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(start, d);
    if (day.slice(0, 7) !== month) {
      await flushMonth();
      month = day.slice(0, 7);
    }
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const count = Math.round(perDay * (weekend ? 0.4 : 1.24));
    const inHouseShare = 0.1 + 0.5 * (d / DAYS);
    const daily = new Map<string, { u: string; t: string; p: string; team: string; n: number; i: number; o: number; c: number; v: number }>();
    for (let k = 0; k < count; k++) {
      const person = Math.floor(rand() ** 1.3 * PEOPLE);
      const violation = rand() < 0.002;
      const tool = violation ? favourite[person] : rand() < inHouseShare ? tools[4] : rand() < 0.85 ? favourite[person] : pick(tools);
      const project = violation ? projects.find((p) => p.sensitivity === "training_data")! : rand() < 0.15 ? null : pick(homeProjects[person]);
      const input = 500 + Math.floor(rand() * 8000);
      const output = 100 + Math.floor(rand() * 2000);
      const [pi, po] = prices[tool.slug];
      const cost = Math.round(((input * pi + output * po) / 1e6) * 1e6) / 1e6;
      const at = new Date(`${day}T00:00:00Z`).getTime() + Math.floor(rand() * 86_400_000);
      buffer.push([randomUUID(), `gen-${day}-${k}`, new Date(at).toISOString(), ids[person], tool.id, project?.id ?? null, violation ? training : activity, input, output, cost, violation ? "violation" : "allowed"]);
      const key = `${person}|${tool.id}|${project?.id ?? ""}`;
      const r = daily.get(key) ?? { u: ids[person], t: tool.id, p: project?.id ?? "", team: teamOf[person], n: 0, i: 0, o: 0, c: 0, v: 0 };
      r.n++;
      r.i += input;
      r.o += output;
      r.c += cost;
      if (violation) r.v++;
      daily.set(key, r);
      // The monthly cap counts external tools only (README "Caps").
      if (tool.kind === "external") monthUsage.set(ids[person], (monthUsage.get(ids[person]) ?? 0) + input + output);
      if (buffer.length >= BATCH) await flushEvents();
    }
    await flushEvents();
    const rows = [...daily.values()];
    await q(
      `INSERT INTO "UsageDaily" ("day", "userId", "toolId", "projectId", "teamId", "events", "inputTokens", "outputTokens", "costUsd", "violations")
       SELECT $1::date, u, t, p, NULLIF(team, ''), n, i, o, c, v FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::numeric[], $10::int[]) AS x(u, t, p, team, n, i, o, c, v)`,
      [day, rows.map((r) => r.u), rows.map((r) => r.t), rows.map((r) => r.p), rows.map((r) => r.team), rows.map((r) => r.n), rows.map((r) => r.i), rows.map((r) => r.o), rows.map((r) => r.c.toFixed(6)), rows.map((r) => r.v)],
    );
    await q(
      `INSERT INTO "UsageMonthly" ("month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations")
       SELECT date_trunc('month', "day")::date, "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations"
       FROM "UsageDaily" WHERE "day" = $1::date
       ON CONFLICT ("month", "userId", "toolId", "projectId") DO UPDATE SET
         "events" = "UsageMonthly"."events" + excluded."events", "inputTokens" = "UsageMonthly"."inputTokens" + excluded."inputTokens",
         "outputTokens" = "UsageMonthly"."outputTokens" + excluded."outputTokens", "costUsd" = "UsageMonthly"."costUsd" + excluded."costUsd",
         "violations" = "UsageMonthly"."violations" + excluded."violations"`,
      [day],
    );
    if (d % 30 === 0) console.log(`${day}: ${written.toLocaleString("en-US")} events, ${Math.round(written / ((Date.now() - t0) / 1000)).toLocaleString("en-US")}/s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  }
  await flushMonth();
  await q(`ANALYZE`);
  console.log(`done: ${written.toLocaleString("en-US")} events for ${PEOPLE} people over ${DAYS} days (${start} to ${end}) in ${Math.round((Date.now() - t0) / 1000)} s`);
  await pool.end();
  await closeDb();
}

main().catch(async (e) => {
  console.error(e);
  await closeDb();
  process.exit(1);
});
