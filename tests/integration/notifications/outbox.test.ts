import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { writeOpsSettings } from "@/lib/notifications/ops-settings";
import { publishEvent, type WebhookBody } from "@/lib/notifications/outbox";
import { backoffMs, claimDueMessages, deliverDueMessages, startOutboxLoop } from "@/lib/notifications/outbox-worker";
import { createWebhookEndpoint, disableWebhookEndpoint, getWebhookDeliveryLog, redeliverWebhook } from "@/lib/notifications/webhook-endpoints";
import { verifyWebhook } from "@/lib/notifications/webhook-signature";
import { useTestDb } from "../../support/test-db";

useTestDb();

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on the loopback interface: records every request and answers with the next queued status. */
function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end("ok");
    });
  });
  return new Promise<{ url: string; received: Received[]; statuses: number[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, received, statuses, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const actor = { type: "system" as const, id: null };
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.statuses.length = 0;
  await prisma.outboxMessage.deleteMany();
  await prisma.webhookEndpoint.updateMany({ where: { disabledAt: null }, data: { disabledAt: new Date() } });
  await prisma.opsSetting.deleteMany();
});

const violation = { type: "violation.critical" as const, summary: "Critical violation: Ana — codex on training set", link: "/review/r1", data: { reviewItemId: "r1" } };

describe("outbox: signed webhooks", () => {
  it("signs HMAC-SHA256 over timestamp.body, retries after a 500 with backoff, and keeps one delivery id", async () => {
    const endpoint = await createWebhookEndpoint(actor, { url: `${receiver.url}/hooks`, events: [] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    await prisma.$transaction((tx) => publishEvent(tx, violation));
    receiver.statuses.push(500);
    const t0 = new Date();

    expect(await deliverDueMessages({ now: t0 })).toEqual({ claimed: 1, delivered: 0, retrying: 1, dead: 0 });
    const afterFailure = await prisma.outboxMessage.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(afterFailure.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));

    // Not due yet: nothing is sent before the backoff has passed.
    expect((await deliverDueMessages({ now: new Date(t0.getTime() + backoffMs(1) - 1) })).claimed).toBe(0);
    expect(await deliverDueMessages({ now: new Date(t0.getTime() + backoffMs(1)) })).toMatchObject({ claimed: 1, delivered: 1 });

    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      expect(r.path).toBe("/hooks");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["guardrail-event"]).toBe("violation.critical");
      expect(r.headers["guardrail-delivery"]).toBe(afterFailure.id);
      expect(verifyWebhook({ secret: endpoint.secret, body: r.body, timestamp: r.headers["guardrail-timestamp"] as string, signature: r.headers["guardrail-signature"] as string })).toBe(true);
      // Any change to the body, the timestamp or the secret breaks the signature.
      expect(verifyWebhook({ secret: endpoint.secret, body: `${r.body} `, timestamp: r.headers["guardrail-timestamp"] as string, signature: r.headers["guardrail-signature"] as string })).toBe(false);
      expect(verifyWebhook({ secret: "whsec_other", body: r.body, timestamp: r.headers["guardrail-timestamp"] as string, signature: r.headers["guardrail-signature"] as string })).toBe(false);
      expect(verifyWebhook({ secret: endpoint.secret, body: r.body, timestamp: String(Number(r.headers["guardrail-timestamp"]) - 1), signature: r.headers["guardrail-signature"] as string })).toBe(false);
    }
    const body = JSON.parse(receiver.received[1].body) as WebhookBody;
    expect(body).toMatchObject({ type: "violation.critical", summary: violation.summary, data: { reviewItemId: "r1" } });
    expect(body.link).toMatch(/\/review\/r1$/);
    const log = await getWebhookDeliveryLog(endpoint.id);
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
  });

  it("rejects a stale timestamp on the receiving side", () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook({ secret: "s", body: "{}", timestamp: String(now - 301), signature: "v1=00", nowSeconds: now })).toBe(false);
  });

  it("gives up after maxAttempts with exponential backoff and marks the message dead", async () => {
    const endpoint = await createWebhookEndpoint(actor, { url: `${receiver.url}/down`, events: ["violation.critical"] });
    await prisma.$transaction((tx) => publishEvent(tx, violation));
    receiver.statuses.push(...Array(20).fill(503));
    let now = new Date();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect((await deliverDueMessages({ now })).claimed).toBe(1);
      const row = await prisma.outboxMessage.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      if (row.status === "dead") break;
      waits.push(row.nextAttemptAt.getTime() - now.getTime());
      now = row.nextAttemptAt;
    }
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(row).toMatchObject({ status: "dead", attempts: 8, lastStatusCode: 503 });
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect((await deliverDueMessages({ now: new Date(now.getTime() + 86_400_000) })).claimed).toBe(0);
    expect(receiver.received).toHaveLength(8);

    // The admin's redelivery (once the receiver is back) sends the same event again as a new delivery.
    receiver.statuses.length = 0;
    const copy = await redeliverWebhook(actor, row.id);
    expect(await deliverDueMessages({ now: new Date(now.getTime() + 86_400_000) })).toMatchObject({ delivered: 1 });
    const last = receiver.received.at(-1)!;
    expect(last.headers["guardrail-delivery"]).toBe(copy.id);
    expect((JSON.parse(last.body) as WebhookBody).id).toBe((JSON.parse(receiver.received[0].body) as WebhookBody).id);
    expect(await prisma.auditEntry.count({ where: { action: "webhook.redelivered" } })).toBe(1);
  });

  it("delivers only the subscribed events, and nothing for a rolled-back change or a disabled endpoint", async () => {
    const caps = await createWebhookEndpoint(actor, { url: `${receiver.url}/caps`, events: ["cap.threshold"] });
    const off = await createWebhookEndpoint(actor, { url: `${receiver.url}/off`, events: [] });
    await disableWebhookEndpoint(actor, off.id);
    await expect(
      prisma.$transaction(async (tx) => {
        await publishEvent(tx, { type: "cap.threshold", summary: "rolled back", data: {} });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await prisma.$transaction((tx) => publishEvent(tx, violation));
    expect(await prisma.outboxMessage.count()).toBe(0);
    await prisma.$transaction((tx) => publishEvent(tx, { type: "cap.threshold", summary: "Ana passed 80% of her cap", data: { percent: 80 } }));
    expect(await prisma.outboxMessage.findMany({ select: { endpointId: true } })).toEqual([{ endpointId: caps.id }]);
  });

  it("two workers claiming at once never take the same message", async () => {
    await createWebhookEndpoint(actor, { url: `${receiver.url}/race`, events: [] });
    for (let i = 0; i < 10; i++) await prisma.$transaction((tx) => publishEvent(tx, { ...violation, data: { i } }));
    const now = new Date();
    const [a, b] = await Promise.all([claimDueMessages(now, 10), claimDueMessages(now, 10)]);
    const ids = [...a, ...b].map((m) => m.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });
});

describe("outbox: restart", () => {
  it("a new loop delivers what was pending, and re-claims a message whose worker died mid-delivery", async () => {
    const endpoint = await createWebhookEndpoint(actor, { url: `${receiver.url}/restart`, events: [] });
    await prisma.$transaction((tx) => publishEvent(tx, { ...violation, data: { n: 1 } }));
    await prisma.$transaction((tx) => publishEvent(tx, { ...violation, data: { n: 2 } }));
    // The "old process" claims message 1 with a 1 ms lease and dies before sending it.
    const [orphan] = await claimDueMessages(new Date(), 1, 1);
    expect(orphan).toBeDefined();
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("sending");

    // The "new process": its loop delivers the pending message, and the orphan once its lease has lapsed.
    const stop = startOutboxLoop({ intervalMs: 50 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await prisma.outboxMessage.count({ where: { endpointId: endpoint.id, status: "delivered" } })) < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      stop();
    }
    expect(await prisma.outboxMessage.count({ where: { endpointId: endpoint.id, status: "delivered" } })).toBe(2);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as WebhookBody).data.n).sort()).toEqual([1, 2]);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: orphan.id } })).attempts).toBe(2);
  });
});

describe("outbox: Slack", () => {
  it("posts the event as an incoming-webhook message to the configured URL", async () => {
    await prisma.$transaction((tx) => writeOpsSettings(tx, { slackWebhookUrl: `${receiver.url}/slack/T000/B000/XXX` }));
    await prisma.$transaction((tx) => publishEvent(tx, violation));
    // Checkpoints are for machines: never to Slack.
    await prisma.$transaction((tx) => publishEvent(tx, { type: "audit.checkpoint", summary: "cp", data: {} }));
    expect(await prisma.outboxMessage.count({ where: { channel: "slack" } })).toBe(1);
    expect(await deliverDueMessages()).toMatchObject({ delivered: 1 });
    const [msg] = receiver.received;
    expect(msg.path).toBe("/slack/T000/B000/XXX");
    const text = (JSON.parse(msg.body) as { text: string }).text;
    expect(text).toContain(violation.summary);
    expect(text).toMatch(/<http[^|]+\/review\/r1\|Open in Guardrail>/);
  });
});
