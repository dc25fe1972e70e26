import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createWebhookEndpoint } from "@/lib/notifications/webhook-endpoints";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent } from "./gateway-fixture";

// A new critical violation reaches legal at once: inbox (and email) plus a "violation.critical" event, written in
// the ingestion transaction; more events joining the same item announce nothing new.
useTestDb();
let legalId: string;
beforeAll(async () => {
  await createGatewayFixture();
  legalId = (await createPerson("legal@example.com", "E-LEG", ["legal"], null, null)).id;
  await createWebhookEndpoint({ type: "system", id: null }, { url: "http://127.0.0.1:9/siem", events: ["violation.critical"] });
});

const onTrainingData = () => usageEvent({ project: "llm-pretraining-data", activity: "training-data-generation" });

describe("critical violations", () => {
  it("announce a new critical review item once, to legal's inbox and the subscribed webhook", async () => {
    const result = await ingestUsageEvents([onTrainingData(), onTrainingData()]);
    expect(result.outcomes.violation).toBe(2);
    const item = await prisma.reviewItem.findFirstOrThrow({ where: { type: "violation" } });
    expect(item.severity).toBe("critical");
    const inbox = await prisma.notification.findMany({ where: { userId: legalId, kind: "violation.critical" } });
    expect(inbox).toEqual([expect.objectContaining({ link: `/review/${item.id}` })]);
    const hooks = await prisma.outboxMessage.findMany({ where: { eventType: "violation.critical" } });
    expect(hooks).toHaveLength(1);
    expect(hooks[0].payload).toMatchObject({ type: "violation.critical", data: { reviewItemId: item.id } });

    await ingestUsageEvents([onTrainingData()]);
    expect(await prisma.reviewItem.count({ where: { type: "violation" } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { eventType: "violation.critical" } })).toBe(1);
    expect(await prisma.notification.count({ where: { kind: "violation.critical" } })).toBe(1);
  });

  it("a non-critical violation announces nothing", async () => {
    const before = await prisma.outboxMessage.count();
    const result = await ingestUsageEvents([usageEvent({ tool: "shady-ai" })]);
    expect(result.outcomes.violation).toBe(1);
    expect(await prisma.outboxMessage.count()).toBe(before);
  });
});
