import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, prisma, setDbHandle } from "@/lib/db/client";
import { createDb } from "@/lib/db/create-client";
import { applyMigrations } from "@/lib/database/migrations";
import { pgliteRunner } from "@/lib/database/sql-runner";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { createTestDb } from "../../support/test-db";
import { createGatewayFixture } from "../usage/gateway-fixture";

// scripts/backup.sh → scripts/restore.sh into a new database gives the same numbers: every table's row
// count, token and cost sums, the usage report, and an audit chain that still verifies to the same head.
// On PostgreSQL when TEST_DATABASE_URL is set (pg_dump/pg_restore), otherwise on a PGlite data folder.

const root = path.resolve(import.meta.dirname, "../../..");
const work = mkdtempSync(path.join(tmpdir(), "guardrail-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function script(name: "backup.sh" | "restore.sh", databaseUrl: string, args: string[]): string {
  return execFileSync("bash", [path.join(root, "scripts", name), ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function fill() {
  await createGatewayFixture();
  const combos = [
    { tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" },
    { tool: "claude-code", activity: "training-data-generation", project: "llm-pretraining-data" },
    { tool: "metacode", activity: "product-code", project: "ads-ranking" },
  ];
  const events = Array.from({ length: 300 }, (_, i) => ({
    id: `bk-${i}`,
    occurredAt: new Date(Date.now() - (i % 20) * 86_400_000 - i * 1000).toISOString(),
    user: i % 2 ? "engineer@example.com" : "manager@example.com",
    ...combos[i % combos.length],
    inputTokens: 1000 + i,
    outputTokens: 100 + (i % 17),
    ...(i % 4 === 0 ? { costUsd: 0.001 * i } : {}),
  }));
  for (let b = 0; b < events.length; b += 100) await ingestUsageEvents(events.slice(b, b + 100));
}

/** The numbers a backup must keep. */
async function reportNumbers() {
  const tables = await prisma.$queryRaw<{ t: string }[]>`SELECT tablename AS "t" FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { t } of tables) {
    const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS "n" FROM "${t.replace(/"/g, "")}"`);
    counts[t] = n;
  }
  const [sums] = await prisma.$queryRaw<Record<string, string>[]>`
    SELECT (SELECT sum("inputTokens")::text FROM "UsageEvent") AS "eventInput", (SELECT sum("costUsd")::text FROM "UsageEvent") AS "eventCost",
           (SELECT sum("outputTokens")::text FROM "UsageDaily") AS "dailyOutput", (SELECT sum("costUsd")::text FROM "UsageDaily") AS "dailyCost",
           (SELECT sum("usedTokens")::text FROM "CapUsage") AS "capUsed", (SELECT sum("eventCount")::text FROM "ReviewItem") AS "reviewEvents"`;
  const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  invalidatePolicySnapshot();
  const byTool = await summarizeUsage({ from, groupBy: "tool" });
  const byUser = await summarizeUsage({ from, groupBy: "user" });
  const head = await prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return { counts, sums, byTool, byUser, audit: await verifyAuditChain(prisma), head: head && { seq: Number(head.seq), hash: head.hash } };
}

async function roundTripOnPostgres(server: string) {
  const source = await createTestDb();
  setDbHandle(source);
  const name = `guardrail_r_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await fill();
    const before = await reportNumbers();
    // pg_dump takes a consistent snapshot while the app stays connected.
    const file = path.join(work, "pg.dump");
    expect(script("backup.sh", source.url, [file]).trim()).toBe(file);
    expect(statSync(file).size).toBeGreaterThan(1000);

    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(server);
    target.pathname = `/${name}`;
    script("restore.sh", target.toString(), [file]);
    // A second restore onto a database that has tables is refused without --force.
    expect(() => script("restore.sh", target.toString(), [file])).toThrow();
    setDbHandle(createDb(target.toString()));
    const after = await reportNumbers();
    return { before, after };
  } finally {
    await closeDb();
    await source.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function roundTripOnPglite() {
  const dir = path.join(work, "source");
  const source = createDb(`pglite:${dir}`);
  await applyMigrations(pgliteRunner(source.pglite!));
  setDbHandle(source);
  await fill();
  const before = await reportNumbers();
  await closeDb();

  const file = path.join(work, "pglite.tar.gz");
  expect(script("backup.sh", `pglite:${dir}`, [file]).trim()).toBe(file);
  const targetDir = path.join(work, "restored");
  script("restore.sh", `pglite:${targetDir}`, [file]);
  expect(() => script("restore.sh", `pglite:${targetDir}`, [file])).toThrow();
  setDbHandle(createDb(`pglite:${targetDir}`));
  try {
    return { before, after: await reportNumbers() };
  } finally {
    await closeDb();
  }
}

describe("backup and restore", () => {
  it("a round trip through scripts/backup.sh and scripts/restore.sh keeps every number", async () => {
    const server = process.env.TEST_DATABASE_URL;
    const { before, after } = server ? await roundTripOnPostgres(server) : await roundTripOnPglite();
    expect(before.counts.UsageEvent).toBe(300);
    expect(before.audit.ok).toBe(true);
    expect(before.byTool.rows.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });
});
