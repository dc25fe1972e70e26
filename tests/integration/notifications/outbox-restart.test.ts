import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/create-client";
import { applyMigrations } from "@/lib/database/migrations";
import { pgliteRunner } from "@/lib/database/sql-runner";
import { verifyWebhook } from "@/lib/notifications/webhook-signature";

// A process writes outbox messages and dies (one mid-delivery); a new process delivers all of them.
describe("outbox across a restart", () => {
  it("a new process delivers what the old one left pending or half-sent", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "guardrail-outbox-restart-"));
    const bodies: { body: string; ts: string; sig: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        bodies.push({ body, ts: String(req.headers["guardrail-timestamp"]), sig: String(req.headers["guardrail-signature"]) });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `pglite:${path.join(work, "db")}`;
      const first = createDb(url);
      await applyMigrations(pgliteRunner(first.pglite!));
      const endpoint = await first.prisma.webhookEndpoint.create({
        data: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`, secret: "whsec_restart", events: [] },
      });
      const payload = (n: number) => ({ id: `evt_${n}`, type: "cap.threshold", occurredAt: new Date().toISOString(), summary: `n${n}`, link: null, data: { n } });
      await first.prisma.outboxMessage.create({ data: { channel: "webhook", eventType: "cap.threshold", endpointId: endpoint.id, payload: payload(1) } });
      // Claimed by the old process, whose lease has run out: it died mid-delivery.
      await first.prisma.outboxMessage.create({
        data: { channel: "webhook", eventType: "cap.threshold", endpointId: endpoint.id, payload: payload(2), status: "sending", attempts: 1, lockedUntil: new Date(Date.now() - 1000) },
      });
      await first.close();

      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/outbox-deliver.ts"], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: url, SMTP_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(out).toContain("Outbox: 2 delivered, 0 to retry later, 0 given up (of 2 due).");
      expect(code).toBe(0);
      expect(bodies.map((b) => (JSON.parse(b.body) as { data: { n: number } }).data.n).sort()).toEqual([1, 2]);
      for (const b of bodies) expect(verifyWebhook({ secret: "whsec_restart", body: b.body, timestamp: b.ts, signature: b.sig })).toBe(true);

      const after = createDb(url);
      expect(await after.prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } })).toEqual([{ status: "delivered", _count: { _all: 2 } }]);
      await after.close();
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
