import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { removeCap, setCap } from "@/lib/caps/manage-caps";
import { loadCapOverview } from "@/lib/caps/cap-overview";
import { decide } from "@/lib/policy/decide";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const admin = () => ({ type: "user" as const, id: fx.manager.id });
const ask = (user: string) => decide({ user, tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" });

describe("cap settings", () => {
  it("resolves personal override, then team default, then role default, and applies changes at once", async () => {
    expect((await ask("engineer@example.com")).cap?.limit).toBe(1_000_000);

    const team = await setCap(admin(), { scope: "team", target: fx.team.id, monthlyTokens: 2_000_000 });
    expect((await ask("engineer@example.com")).cap?.limit).toBe(2_000_000);

    const personal = await setCap(admin(), { scope: "user", target: "E-ENG", monthlyTokens: 300_000 });
    expect((await ask("engineer@example.com")).cap?.limit).toBe(300_000);
    await setCap(admin(), { scope: "user", target: "ENGINEER@example.com", monthlyTokens: 400_000 });
    expect(await prisma.cap.count({ where: { scope: "user" } })).toBe(1);
    expect((await ask("engineer@example.com")).cap?.limit).toBe(400_000);

    await removeCap(admin(), personal.id);
    await removeCap(admin(), team.id);
    expect((await ask("engineer@example.com")).cap?.limit).toBe(1_000_000);

    const actions = (await prisma.auditEntry.findMany({ where: { entityType: "cap" }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["cap.created", "cap.created", "cap.updated", "cap.removed", "cap.removed"]);
  });

  it("refuses an unknown person with a field error", async () => {
    await expect(setCap(admin(), { scope: "user", target: "nobody@example.com", monthlyTokens: 5 })).rejects.toMatchObject({ status: 404, fields: [{ path: "target" }] });
  });

  it("lists who is at 80% or more this period", async () => {
    const near = await createPerson("near@example.com", "E-NEAR", ["engineer"], fx.team.id, fx.manager.id);
    await createPerson("far@example.com", "E-FAR", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: near.email, inputTokens: 850_000, outputTokens: 0 }), usageEvent({ user: "far@example.com", inputTokens: 10, outputTokens: 0 })]);
    const { utilization } = await loadCapOverview();
    expect(utilization.map((u) => [u.email, Math.round(u.share * 100)])).toEqual([["near@example.com", 85]]);
  });
});
