import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";
import { recountRollups } from "./recount";
import { createServerDatabase, distDir, launchServer, waitForHealth, workerPids, type ServerDatabase } from "../../support/server-process";

// SIGTERM while ingestion batches are in flight against the real production server (`npm start`'s launcher
// and its `next start` workers: two on PostgreSQL, one on PGlite): every batch is either answered 200 and
// stored whole, or refused before it started and stored not at all; never half-written.
let db: ServerDatabase | null = null;
afterAll(async () => {
  await db?.cleanup(); // on PostgreSQL this also drops the test database
});

describe("graceful shutdown", () => {
  it("finishes in-flight ingestion on SIGTERM and writes no batch halfway", { timeout: 180_000 }, async () => {
    expect(existsSync(path.join(distDir, "BUILD_ID")), `build the app first (next build into ${distDir})`).toBe(true);

    db = await createServerDatabase();
    await createGatewayFixture();
    const { key } = await createApiKey(["ingest"]);
    await db.release();

    const { child: server, url, output, exited } = await launchServer({ DATABASE_URL: db.url, WEB_CONCURRENCY: "2" });
    await waitForHealth(url, server);
    const workers = db.pglite ? 1 : 2;
    await expect.poll(() => workerPids(server.pid!).length, { timeout: 30_000 }).toBe(workers);
    expect(output()).toContain(`[guardrail] ${workers} worker${workers === 1 ? "" : "s"}`);

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
    expect(workerPids(server.pid!)).toEqual([]);

    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    for (const r of results) expect([0, 200, 503]).toContain(r.status);

    db.reopen();
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
