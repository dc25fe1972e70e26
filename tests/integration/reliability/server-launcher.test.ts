import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createServerDatabase, distDir, launchServer, waitForHealth, workerPids, type ServerDatabase } from "../../support/server-process";

// `npm start`'s launcher: it replaces a worker that dies, and a configuration problem stops it with the
// worker's own message, printed once, instead of a restart loop.
let db: ServerDatabase | null = null;
afterAll(async () => {
  await db?.cleanup();
});

describe("server launcher", () => {
  it("starts another worker when one dies, and keeps serving", { timeout: 120_000 }, async () => {
    expect(existsSync(path.join(distDir, "BUILD_ID")), `build the app first (next build into ${distDir})`).toBe(true);
    db = await createServerDatabase();
    await db.release();
    const server = await launchServer({ DATABASE_URL: db.url });
    try {
      await waitForHealth(server.url, server.child);
      await expect.poll(() => workerPids(server.child.pid!).length, { timeout: 30_000 }).toBeGreaterThan(0);
      const [victim] = workerPids(server.child.pid!);
      process.kill(victim, "SIGKILL");

      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain(`worker ${victim} stopped (SIGKILL); starting another`);
      await waitForHealth(server.url, server.child);
      expect(workerPids(server.child.pid!)).not.toContain(victim);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(143);
      db.reopen();
    }
  });

  it("stops with the worker's message when the database cannot be reached", { timeout: 60_000 }, async () => {
    const server = await launchServer({ DATABASE_URL: "postgresql://guardrail:wrong@127.0.0.1:9/guardrail" });
    expect(await server.exited).toBe(1);
    const out = server.output();
    expect(out).toContain("a worker stopped before serving (exit 1); stopping");
    expect(out.match(/\[guardrail\] a worker stopped/g)).toHaveLength(1);
    expect(out).not.toContain("starting another");
  });

  it("refuses a WEB_CONCURRENCY that is not a number, naming it", { timeout: 60_000 }, async () => {
    const server = await launchServer({ DATABASE_URL: "postgresql://guardrail:x@127.0.0.1:9/guardrail", WEB_CONCURRENCY: "lots" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64; got "lots".');
  });
});
