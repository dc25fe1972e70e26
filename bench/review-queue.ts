// Times the review queue's first page and an item page's data functions on PostgreSQL with a million usage
// events and ten thousand open review items. Creates (and drops) its own database on the server named by
// BENCH_DATABASE_URL (default: the local test server).
//   npx tsx --conditions=react-server bench/review-queue.ts [--keep] [--runs=30]
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb } from "@/lib/db/create-client";
import { closeDb, prisma, setDbHandle } from "@/lib/db/client";
import { applyMigrations } from "@/lib/database/migrations";
import { openSqlRunner } from "@/lib/database/sql-runner";
import { seedCatalog } from "@/lib/seed/seed-catalog";
import { getReviewItem, listReviewItemEvents } from "@/lib/review/get-review-item";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { parseQueueFilter } from "@/lib/validation/review";

const server = process.env.BENCH_DATABASE_URL ?? "postgresql://guardrail:guardrail@127.0.0.1:5432/postgres";
const keep = process.argv.includes("--keep");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 30);
const EVENTS = 1_000_000;
const ITEMS = 10_000;
const USERS = 2_000;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(sql);
  await c.end();
}

async function fill(runner: Awaited<ReturnType<typeof openSqlRunner>>) {
  await runner.exec(`
    INSERT INTO "Team" ("id", "slug", "name") SELECT 'team-' || t, 'team-' || t, 'Team ' || t FROM generate_series(1, 20) t;
    INSERT INTO "User" ("id", "email", "employeeId", "name", "roles", "teamId")
      SELECT 'user-' || u, 'user' || u || '@bench.example', 'E' || u, 'Person ' || u, ARRAY['engineer']::"Role"[], 'team-' || (u % 20 + 1)
      FROM generate_series(1, ${USERS}) u;
    UPDATE "User" SET "managerId" = 'user-' || (1 + (substring("id" from 6)::int % 50)) WHERE substring("id" from 6)::int > 50;
    INSERT INTO "User" ("id", "email", "employeeId", "name", "roles") VALUES ('legal-1', 'legal@bench.example', 'L1', 'Legal One', ARRAY['legal']::"Role"[]);`);
  // 10k open violation items over 90 days, one per person/tool/day, each citing one clause.
  await runner.exec(`
    WITH tools AS (SELECT array_agg("id" ORDER BY "slug") a FROM "Tool" WHERE "kind" = 'external'),
         projects AS (SELECT array_agg("id" ORDER BY "key") a FROM "Project"),
         clauses AS (SELECT array_agg("id" ORDER BY "id") a FROM "Clause")
    INSERT INTO "ReviewItem" ("id", "type", "status", "severity", "groupKey", "title", "userId", "toolId", "projectId", "day", "eventCount", "tokens", "openedAt", "firstEventAt", "lastEventAt")
    SELECT 'item-' || i, 'violation', 'open', (ARRAY['low','medium','high','critical'])[1 + i % 4]::"Severity", 'violation:bench:' || i, 'Bench violation ' || i,
           'user-' || (1 + i % ${USERS}), tools.a[1 + i % array_length(tools.a, 1)], projects.a[1 + i % array_length(projects.a, 1)],
           (now() - (i % 90) * interval '1 day')::date, 50, 60000, now() - (i % 90) * interval '1 day', now() - (i % 90) * interval '1 day', now() - (i % 90) * interval '1 day' + interval '49 minutes'
    FROM generate_series(1, ${ITEMS}) i, tools, projects;
    INSERT INTO "ReviewItemClause" ("reviewItemId", "clauseId")
      SELECT 'item-' || i, (SELECT array_agg("id" ORDER BY "id") FROM "Clause")[1 + i % (SELECT count(*) FROM "Clause")::int] FROM generate_series(1, ${ITEMS}) i;`);
  // 1M events: half belong to the items (50 each), half are allowed background usage.
  const chunk = 100_000;
  for (let start = 0; start < EVENTS; start += chunk) {
    await runner.exec(`
      WITH tools AS (SELECT array_agg("id" ORDER BY "slug") a FROM "Tool"),
           projects AS (SELECT array_agg("id" ORDER BY "key") a FROM "Project"),
           acts AS (SELECT array_agg("id" ORDER BY "slug") a FROM "Activity")
      INSERT INTO "UsageEvent" ("id", "externalId", "occurredAt", "userId", "toolId", "projectId", "activityId", "inputTokens", "outputTokens", "costUsd", "outcome", "reasonCodes", "reviewItemId")
      SELECT 'ev-' || n, 'bench-' || n,
             CASE WHEN n <= ${EVENTS / 2} THEN now() - ((1 + (n - 1) / 50) % 90) * interval '1 day' + ((n - 1) % 50) * interval '1 minute'
                  ELSE now() - (n % 129600) * interval '1 minute' END,
             'user-' || (CASE WHEN n <= ${EVENTS / 2} THEN 1 + (1 + (n - 1) / 50) % ${USERS} ELSE 1 + n % ${USERS} END),
             tools.a[1 + n % array_length(tools.a, 1)], projects.a[1 + n % array_length(projects.a, 1)], acts.a[1 + n % array_length(acts.a, 1)],
             1000, 200, 0.01,
             (CASE WHEN n <= ${EVENTS / 2} THEN 'violation' ELSE 'allowed' END)::"UsageOutcome", '{}',
             CASE WHEN n <= ${EVENTS / 2} THEN 'item-' || (1 + (n - 1) / 50) END
      FROM generate_series(${start + 1}, ${start + chunk}) n, tools, projects, acts;`);
    process.stdout.write(".");
  }
  await runner.exec(`ANALYZE;`);
  console.log(" filled");
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return `p50 ${at(50).toFixed(1)} ms · p95 ${at(95).toFixed(1)} ms · max ${s[s.length - 1].toFixed(1)} ms (${s.length} runs)`;
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up: connection, query plan
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} ${stats(ms)}`);
}

async function main() {
  const name = `guardrail_legal_bench_${randomBytes(3).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    const runner = await openSqlRunner(url.toString());
    await applyMigrations(runner);
    setDbHandle(createDb(url.toString()));
    await seedCatalog();
    const t0 = performance.now();
    await fill(runner);
    console.log(`data: ${EVENTS.toLocaleString()} events, ${ITEMS.toLocaleString()} open items (${((performance.now() - t0) / 1000).toFixed(0)} s to load)`);
    await runner.close();

    const viewer = "legal-1";
    await time("queue first page (default: open, by severity)", () => listReviewQueue(parseQueueFilter({}), viewer));
    await time("queue first page (by age)", () => listReviewQueue(parseQueueFilter({ sort: "age" }), viewer));
    await time("queue first page (vendor=openai)", () => listReviewQueue(parseQueueFilter({ vendor: "openai" }), viewer));
    await time("queue page 100 (open, by severity)", () => listReviewQueue(parseQueueFilter({ page: "100" }), viewer));
    const item = await prisma.reviewItem.findUniqueOrThrow({ where: { id: "item-5000" }, include: { contribution: true, request: true } });
    await time("item page: getReviewItem", () => getReviewItem(item.id));
    await time("item page: events page 1", () => listReviewItemEvents(item, 1));
    await time("item page: both (as the page runs them)", () => Promise.all([getReviewItem(item.id), listReviewItemEvents(item, 1)]));
  } finally {
    await closeDb();
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`kept database ${name}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
