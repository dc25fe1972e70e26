import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { approveRequest } from "@/lib/requests/approve-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";
import { recountRollups } from "./recount";

// Many writers at once. On PGlite (one connection) the writers queue; with TEST_DATABASE_URL they really
// run in parallel on PostgreSQL, which is where lost updates and double counts would show.

useTestDb();
let fx: GatewayFixture;
const people = ["engineer@example.com", "manager@example.com", "E-P3", "E-P4"];
beforeAll(async () => {
  fx = await createGatewayFixture();
  await createPerson("p3@example.com", "E-P3", ["engineer"], fx.team.id, fx.manager.id);
  await createPerson("p4@example.com", "E-P4", ["engineer"], fx.team.id, fx.manager.id);
});

const combos = [
  { tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" },
  { tool: "claude-code", activity: "training-data-generation", project: "llm-pretraining-data" }, // a violation
  { tool: "metacode", activity: "training-data-generation", project: "llm-pretraining-data" },
  { tool: "claude-code", activity: "product-code", project: "ads-ranking" }, // needs an exception: a violation
];

function event(i: number) {
  return {
    id: `conc-${i}`,
    occurredAt: new Date(Date.now() - (i % 72) * 3_600_000).toISOString(),
    user: people[i % people.length],
    ...combos[i % combos.length],
    inputTokens: 700 + (i % 97) * 11,
    outputTokens: 90 + (i % 13),
  };
}

describe("ingestion under concurrency", () => {
  it("overlapping batches sent at once store every event once, and rollups and caps equal a recount", async () => {
    const total = 1_200;
    const all = Array.from({ length: total }, (_, i) => event(i));
    // 24 batches of 100 drawn from the same 1,200 ids with overlaps: every event is sent twice, by different batches.
    const batches = Array.from({ length: 24 }, (_, b) => Array.from({ length: 100 }, (_, k) => all[(b * 50 + k) % total]));
    const results = await Promise.all(batches.map((batch) => ingestUsageEvents(batch, { apiKeyId: null })));

    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
    expect(results.every((r) => r.rejected.length === 0)).toBe(true);
    expect(accepted).toBe(total);
    expect(duplicates).toBe(24 * 100 - total);
    expect(await prisma.usageEvent.count({ where: { externalId: { startsWith: "conc-" } } })).toBe(total);

    const recount = await recountRollups();
    expect(recount.duplicateExternalIds).toBe(0);
    expect(recount.daily.mismatches).toEqual([]);
    expect(recount.monthly.mismatches).toEqual([]);
    expect(recount.caps.mismatches).toEqual([]);
    // One review item per person, tool, project and day: concurrent batches joined items instead of opening twins.
    const items = await prisma.reviewItem.groupBy({ by: ["groupKey"], _count: true, where: { type: "violation" } });
    expect(items.every((g) => g._count === 1)).toBe(true);
    const [{ n }] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "ReviewItem" r
      WHERE r."type" = 'violation' AND r."eventCount" <> (SELECT count(*) FROM "UsageEvent" e WHERE e."reviewItemId" = r."id")`;
    expect(n).toBe(0);
  });

  it("the audit chain verifies after those concurrent writers, with one entry per batch that stored something", async () => {
    const result = await verifyAuditChain(prisma);
    expect(result.ok).toBe(true);
    const ingested = await prisma.auditEntry.count({ where: { action: "usage.ingested" } });
    expect(ingested).toBeGreaterThan(0);
    expect(ingested).toBeLessThanOrEqual(24);
  });
});

describe("reviewers under concurrency", () => {
  it("eight approvals of one request at once: exactly one wins, one grant, the chain still verifies", async () => {
    const activity = fx.activities.product;
    await prisma.policyRule.create({
      data: { policyVersionId: fx.version.id, position: 5, name: "Product code needs an exception", toolKind: "external", activityId: activity.id, effect: "require_exception", message: "Ask first." },
    }).catch(() => undefined);
    const managers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createPerson(`boss${i}@example.com`, `E-BOSS${i}`, ["manager"], fx.team.id, null)),
    );
    // Every manager is above the engineer: make the chain boss0 → … → boss7 → manager → engineer.
    for (let i = 0; i < managers.length; i++) {
      await prisma.user.update({ where: { id: i === managers.length - 1 ? fx.manager.id : managers[i + 1].id }, data: { managerId: managers[i].id } });
    }
    const engineer = { id: fx.engineer.id, name: fx.engineer.name, managerId: fx.manager.id };
    const { id } = await submitRequest(engineer, {
      tool: "claude-code", activity: "product-code", project: "infra-ci",
      justification: "Concurrency check: eight reviewers press approve at once.",
      dataHandling: "Outputs stay in the infra-ci repository only, never in training data.",
      startsAt: new Date(), endsAt: new Date(Date.now() + 7 * 86_400_000),
    });
    const before = await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } });
    const asPerson = (u: (typeof managers)[number]) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles, teamId: u.teamId, managerId: u.managerId });
    const outcomes = await Promise.allSettled(managers.map((m) => approveRequest(asPerson(m), { requestId: id, version: before.version })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const after = await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(before.version + 1);
    expect(await prisma.approvalStep.count({ where: { requestId: id } })).toBe(1);
    expect(await prisma.grant.count({ where: { requestId: id } })).toBeLessThanOrEqual(1);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
