import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createWebhookEndpoint } from "@/lib/notifications/webhook-endpoints";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, usageEvent } from "../usage/gateway-fixture";

// Crossing 80 % and 100 % of a cap publishes one "cap.threshold" event each (besides the inbox alerts).
useTestDb();
beforeAll(async () => {
  await createGatewayFixture(); // engineers: 1,000,000 external tokens a month
  await createWebhookEndpoint({ type: "system", id: null }, { url: "http://127.0.0.1:9/caps", events: ["cap.threshold"] });
});

const events = () => prisma.outboxMessage.findMany({ where: { eventType: "cap.threshold" }, orderBy: { createdAt: "asc" } });

describe("cap.threshold events", () => {
  it("publishes 80 % once and 100 % once, with the cap and the figures", async () => {
    await ingestUsageEvents([usageEvent({ inputTokens: 850_000, outputTokens: 0 })]);
    await ingestUsageEvents([usageEvent({ inputTokens: 10_000, outputTokens: 0 })]);
    expect((await events()).map((e) => (e.payload as { data: { percent: number } }).data.percent)).toEqual([80]);
    await ingestUsageEvents([usageEvent({ inputTokens: 200_000, outputTokens: 0 })]);
    const all = await events();
    expect(all.map((e) => (e.payload as { data: { percent: number } }).data.percent)).toEqual([80, 100]);
    expect(all[1].payload).toMatchObject({ type: "cap.threshold", data: { user: "engineer@example.com", cap: "external", capTokens: 1_000_000, usedTokens: 1_060_000 } });
  });
});
