import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db-client";
import { closeDb, prisma, setDbHandle } from "@/lib/db";
import { applyMigrations } from "@/lib/database/migrations";
import { pgliteRunner } from "@/lib/database/sql-runner";
import { createTestDb, type TestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";
import { recountRollups } from "./recount";

// SIGTERM while ingestion batches are in flight against a real `next start` (the built app): every batch is
// either answered 200 and stored whole, or refused before it started and stored not at all; never half-written.
const distDir = process.env.NEXT_DIST_DIR || ".next";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("next start did not become healthy");
}

let db: (TestDb & { dir?: string }) | null = null;
afterAll(async () => {
  await closeDb(); // on PostgreSQL this also drops the test database
  if (db?.dir) rmSync(db.dir, { recursive: true, force: true });
});

describe("graceful shutdown", () => {
  it("finishes in-flight ingestion on SIGTERM and writes no batch halfway", { timeout: 180_000 }, async () => {
    expect(existsSync(path.join(distDir, "BUILD_ID")), `build the app first (next build into ${distDir})`).toBe(true);

    // The server needs its own database: a PGlite folder (one process at a time) or a PostgreSQL database.
    const pglite = !process.env.TEST_DATABASE_URL;
    if (pglite) {
      const dir = mkdtempSync(path.join(tmpdir(), "guardrail-shutdown-"));
      const handle = createDb(`pglite:${dir}`);
      await applyMigrations(pgliteRunner(handle.pglite!));
      db = { ...handle, url: `pglite:${dir}`, dir };
    } else db = await createTestDb();
    setDbHandle(db);
    await createGatewayFixture();
    const { key } = await createApiKey(["ingest"]);
    if (pglite) await db.pglite!.close(); // release the folder for the server; reopened below

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: db.url, NEXT_DIST_DIR: distDir, NEXTAUTH_SECRET: "shutdown-test-secret", NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    await waitForHealth(url, server);

    const batches = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 500 }, (_, i) => ({
        id: `shutdown-${b}-${i}`,
        occurredAt: new Date(Date.now() - (b * 500 + i) * 1000).toISOString(),
        user: "engineer@example.com",
        tool: "claude-code",
        project: "infra-ci",
        activity: "test-infrastructure",
        inputTokens: 100 + i,
        outputTokens: 10,
      })),
    );
    const send = (events: unknown[]) =>
      fetch(`${url}/api/v1/usage-events`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(events) })
        .then(async (res) => ({ status: res.status, accepted: res.ok ? ((await res.json()) as { accepted: number }).accepted : 0 }))
        .catch(() => ({ status: 0, accepted: 0 }));

    const first = batches.slice(0, 6).map(send);
    await new Promise((r) => setTimeout(r, 150)); // let the first batches get under way
    server.kill("SIGTERM");
    const late = batches.slice(6).map(send);
    const results = await Promise.all([...first, ...late]);
    expect(await exited).toBe(143);

    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    for (const r of results) expect([0, 200, 503]).toContain(r.status);

    if (pglite) {
      db = { ...createDb(db.url), url: db.url, dir: db.dir };
      setDbHandle(db);
    }
    const stored = await prisma.usageEvent.findMany({ select: { externalId: true } });
    const perBatch = new Map<number, number>();
    for (const e of stored) {
      const b = Number(e.externalId.split("-")[1]);
      perBatch.set(b, (perBatch.get(b) ?? 0) + 1);
    }
    // Whole batches only, and exactly the ones the server answered 200 for.
    for (const n of perBatch.values()) expect(n).toBe(500);
    expect(stored.length).toBe(answered.reduce((sum, r) => sum + r.accepted, 0));
    const recount = await recountRollups();
    expect(recount.duplicateExternalIds).toBe(0);
    expect(recount.daily.mismatches).toEqual([]);
    expect(recount.monthly.mismatches).toEqual([]);
    expect(recount.caps.mismatches).toEqual([]);
  });
});
