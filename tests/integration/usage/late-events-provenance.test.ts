import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { registerContribution } from "@/lib/provenance/register-contribution";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { contributionSchema } from "@/lib/validation/contribution";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, usageEvent, type GatewayFixture } from "./gateway-fixture";

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

describe("ingestion re-checks training-data contributions", () => {
  it("turns a clean contribution contaminated when a late external-tool event inside its window arrives", async () => {
    const input = contributionSchema.parse({ projectId: fx.projects.pretraining.id, artifactRef: "datasets/qa-pairs-3", firstDay: "2026-10-05", lastDay: "2026-10-06", attested: "on" });
    const registered = await registerContribution(fx.engineer.id, input, "UTC");
    expect(registered.status).toBe("clean");

    // Events outside the window, by the internal tool, or by someone else change nothing.
    await ingestUsageEvents([
      usageEvent({ occurredAt: "2026-10-07T00:00:00Z", project: "llm-pretraining-data", activity: "test-infrastructure" }),
      usageEvent({ occurredAt: "2026-10-05T09:00:00Z", project: "llm-pretraining-data", activity: "test-infrastructure", tool: "metacode" }),
      usageEvent({ occurredAt: "2026-10-05T09:00:00Z", project: "llm-pretraining-data", activity: "test-infrastructure", user: "manager@example.com" }),
    ]);
    expect((await prisma.contribution.findUniqueOrThrow({ where: { id: registered.id } })).status).toBe("clean");

    const late = usageEvent({ occurredAt: "2026-10-06T23:59:59Z", project: "llm-pretraining-data", activity: "test-infrastructure" });
    const result = await ingestUsageEvents([late]);
    expect(result.accepted).toBe(1);
    const after = await prisma.contribution.findUniqueOrThrow({ where: { id: registered.id } });
    expect(after).toMatchObject({ status: "contaminated", evidenceEventCount: 1 });
    expect(await prisma.reviewItem.count({ where: { contributionId: registered.id, type: "contaminated_contribution", status: "open" } })).toBe(1);
  });
});
