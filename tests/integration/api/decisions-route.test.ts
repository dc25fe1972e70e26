import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture, createGrant, createPerson, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

useTestDb();
let fx: GatewayFixture;
let key: string;
let ingestOnlyKey: string;

beforeAll(async () => {
  fx = await createGatewayFixture();
  key = (await createApiKey(["decide"])).key;
  ingestOnlyKey = (await createApiKey(["ingest"])).key;
});

async function ask(body: unknown, k: string | null = key) {
  const res = await callMachineApi(
    new Request("http://localhost/api/v1/decisions", {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", ...(k ? { authorization: `Bearer ${k}` } : {}) },
    }),
  );
  return { status: res.status, body: await res.json() };
}

const base = { user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" };
const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);

const grant = (userId: string, capOverrideTokens: bigint | null = null) => createGrant(fx, userId, capOverrideTokens);

describe("POST /api/v1/decisions: one case per reason code", () => {
  it("allowed_by_policy, with the cap state", async () => {
    const { status, body } = await ask(base);
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: "allow", reasons: [{ code: "allowed_by_policy" }], grant: null, requestUrl: null });
    expect(body.cap).toEqual({ period: period(), limit: 1_000_000, used: 0, remaining: 1_000_000, counts: "external_tools", applies: true });
    expect(body).toMatchObject({ inHouseCap: null, toolCap: null });
  });

  it("exception_required, with a pre-filled request link", async () => {
    const { body } = await ask({ ...base, activity: "product-code", project: "ads-ranking" });
    expect(body.decision).toBe("require_exception");
    expect(body.reasons[0].code).toBe("exception_required");
    expect(body.requestUrl).toBe(`${env.publicUrl}/requests/new?tool=claude-code&activity=product-code&project=ads-ranking`);
  });

  it("allowed_by_grant once an exception is approved", async () => {
    const person = await createPerson("granted@example.com", "E-GRANT", ["engineer"], fx.team.id, fx.manager.id);
    const g = await grant(person.id);
    const { body } = await ask({ ...base, user: "E-GRANT", activity: "product-code", project: "ads-ranking" });
    expect(body).toMatchObject({ decision: "allow", reasons: [{ code: "allowed_by_grant" }], grant: { id: g.id, validTo: g.validTo.toISOString() } });
  });

  it("prohibited_activity, citing the clause", async () => {
    const { body } = await ask({ ...base, activity: "training-data-generation" });
    expect(body.decision).toBe("deny");
    expect(body.reasons[0].code).toBe("prohibited_activity");
    expect(body.reasons[0].message).toContain("D.4");
    expect(body.clauses).toEqual([{ id: fx.clause.id, vendor: "Anthropic", ref: "D.4", summary: fx.clause.summary }]);
    expect(body.rule).toEqual({ id: fx.prohibitRule.id, policyVersion: 1 });
  });

  it("training_data_project, tool_blocked, user_inactive", async () => {
    expect((await ask({ ...base, project: "llm-pretraining-data" })).body.reasons[0].code).toBe("training_data_project");
    expect((await ask({ ...base, tool: "shady-ai" })).body.reasons[0].code).toBe("tool_blocked");
    expect((await ask({ ...base, user: "gone@example.com" })).body.reasons[0].code).toBe("user_inactive");
  });

  it("fails closed on unknown names", async () => {
    for (const [field, value, code] of [
      ["user", "who@example.com", "unknown_user"],
      ["tool", "gpt-9", "unknown_tool"],
      ["project", "atlantis", "unknown_project"],
    ] as const) {
      const { status, body } = await ask({ ...base, [field]: value });
      expect(status).toBe(200);
      expect(body).toMatchObject({ decision: "deny", reasons: [{ code }], rule: null, grant: null, cap: null });
    }
  });

  it("over_cap when the month's usage reached the cap, with a cap increase link", async () => {
    const person = await createPerson("full@example.com", "E-FULL", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: person.email, inputTokens: 1_000_000, outputTokens: 0 })]);
    const { body } = await ask({ ...base, user: person.email });
    expect(body.decision).toBe("deny");
    expect(body.reasons[0].code).toBe("over_cap");
    expect(body.cap).toMatchObject({ used: 1_000_000, remaining: 0 });
    expect(body.requestUrl).toMatch(/\/usage\?capIncrease=1#cap-increase$/);
  });

  it("answers 413 naming the 64 KB limit for a larger body", async () => {
    const res = await ask({ ...base, padding: "x".repeat(64 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "payload_too_large", message: "The body is larger than 64 KB." });
  });

  it("answers 400 naming the fields for a malformed body, and for a body that is not JSON", async () => {
    const missing = await ask({ user: "engineer@example.com", tool: 5, estimatedTokens: -1 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["activity", "estimatedTokens", "tool"]);
    const notJson = await ask("{user:");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_json");
  });

  it("answers 401 without a key and 403 for a key without the decide scope", async () => {
    expect((await ask(base, null)).status).toBe(401);
    const forbidden = await ask(base, ingestOnlyKey);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: "forbidden", fields: [] });
  });
});

describe("hard cap with reservations", () => {
  it("lets many parallel decisions reserve no more than the cap", async () => {
    const person = await createPerson("racer@example.com", "E-RACE", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: person.email, inputTokens: 150_000, outputTokens: 0 })]);
    const answers = await Promise.all(Array.from({ length: 40 }, () => ask({ ...base, user: person.email, estimatedTokens: 100_000 })));
    const allowed = answers.filter((a) => a.body.decision === "allow");
    expect(allowed).toHaveLength(8);
    expect(answers.filter((a) => a.body.reasons[0].code === "over_cap")).toHaveLength(32);
    const cap = await prisma.capUsage.findUnique({ where: { userId_period: { userId: person.id, period: period() } } });
    expect(Number(cap?.usedTokens) + Number(cap?.reservedTokens)).toBe(950_000);
    expect(await prisma.capReservation.count({ where: { userId: person.id } })).toBe(8);

    // Usage for the same person and tool settles reservations one per event and counts what was really used.
    await ingestUsageEvents(Array.from({ length: 3 }, () => usageEvent({ user: person.email, inputTokens: 50_000, outputTokens: 0 })));
    const after = await prisma.capUsage.findUnique({ where: { userId_period: { userId: person.id, period: period() } } });
    expect(Number(after?.reservedTokens)).toBe(500_000);
    expect(Number(after?.usedTokens)).toBe(300_000);
    expect(await prisma.capReservation.count({ where: { userId: person.id } })).toBe(5);

    // Reservations whose usage never comes are released after the timeout.
    await prisma.capReservation.updateMany({ where: { userId: person.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await releaseExpiredReservations()).toBe(5);
    const released = await prisma.capUsage.findUnique({ where: { userId_period: { userId: person.id, period: period() } } });
    expect(Number(released?.reservedTokens)).toBe(0);
  });

  it("applies a grant's cap override to usage under that grant", async () => {
    const person = await createPerson("big@example.com", "E-BIG", ["engineer"], fx.team.id, fx.manager.id);
    await grant(person.id, 5_000_000n);
    await ingestUsageEvents([usageEvent({ user: person.email, inputTokens: 1_200_000, outputTokens: 0 })]);
    const plain = await ask({ ...base, user: person.email });
    expect(plain.body.reasons[0].code).toBe("over_cap");
    const underGrant = await ask({ ...base, user: person.email, activity: "product-code", project: "ads-ranking", estimatedTokens: 1000 });
    expect(underGrant.body).toMatchObject({ decision: "allow", cap: { limit: 5_000_000, used: 1_200_000, remaining: 5_000_000 - 1_200_000 - 1000 } });
  });
});
