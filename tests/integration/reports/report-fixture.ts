// A small hand-built org with rollups written directly, so every expected figure below can be worked out by hand.
import { prisma } from "@/lib/db/client";
import type { Person } from "@/lib/auth/authorize";
import type { Role } from "@/lib/generated/prisma/enums";

export const NOW = new Date("2026-11-15T12:00:00Z");

async function person(email: string, roles: Role[], teamId: string, managerId: string | null): Promise<Person> {
  const u = await prisma.user.create({ data: { email, employeeId: email, name: email.split("@")[0], roles, teamId, managerId } });
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, teamId: u.teamId, managerId: u.managerId };
}

/** UsageMonthly from UsageDaily, as ingestion keeps it (the fixture writes daily rows directly). */
export async function rebuildMonthlyRollups() {
  await prisma.$executeRaw`DELETE FROM "UsageMonthly"`;
  await prisma.$executeRaw`
    INSERT INTO "UsageMonthly" ("month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents")
    SELECT date_trunc('month', "day")::date, "userId", "toolId", "projectId", sum("events"), sum("inputTokens"), sum("outputTokens"), sum("costUsd"), sum("violations"), sum("overCapEvents")
    FROM "UsageDaily" GROUP BY 1, 2, 3, 4`;
}

export async function createReportFixture() {
  const anthropic = await prisma.vendor.create({ data: { slug: "anthropic", name: "Anthropic" } });
  const inhouse = await prisma.vendor.create({ data: { slug: "inhouse", name: "In-house" } });
  const terms = await prisma.termsDocument.create({ data: { vendorId: anthropic.id, title: "Terms", version: "1", effectiveDate: new Date("2026-01-01"), url: "https://example.com/t" } });
  const clause = await prisma.clause.create({ data: { termsDocumentId: terms.id, ref: "D.4", summary: "No competing models.", restrictedActivities: [], severity: "critical" } });
  const claude = await prisma.tool.create({ data: { slug: "claude-code", name: "Claude Code", vendorId: anthropic.id, kind: "external" } });
  const metacode = await prisma.tool.create({ data: { slug: "metacode", name: "MetaCode", vendorId: inhouse.id, kind: "internal" } });
  const activity = await prisma.activity.create({ data: { slug: "product-code", name: "Product code", description: "", disposition: "exception_required" } });
  const infra = await prisma.project.create({ data: { key: "infra-ci", name: "Infra CI", sensitivity: "general" } });

  const platform = await prisma.team.create({ data: { slug: "platform", name: "Platform" } });
  const ml = await prisma.team.create({ data: { slug: "ml", name: "ML", parentId: platform.id } });
  const other = await prisma.team.create({ data: { slug: "other", name: "Other" } });
  const boss = await person("boss@example.com", ["manager", "engineer"], platform.id, null);
  const alice = await person("alice@example.com", ["engineer"], ml.id, boss.id);
  const bob = await person("bob@example.com", ["engineer"], platform.id, alice.id);
  const xavier = await person("xavier@example.com", ["engineer"], other.id, null);
  const legal = await person("legal@example.com", ["legal"], other.id, null);
  await prisma.cap.create({ data: { scope: "role", role: "engineer", monthlyTokens: 1_000_000 } });
  await prisma.cap.create({ data: { scope: "role", role: "legal", monthlyTokens: 2_000_000 } });

  const daily = (day: string, userId: string, teamId: string, toolId: string, projectId: string, input: number, output: number, costUsd: number, events: number, violations = 0) => ({
    day: new Date(`${day}T00:00:00Z`), userId, teamId, toolId, projectId, inputTokens: BigInt(input), outputTokens: BigInt(output), costUsd, events, violations,
  });
  await prisma.usageDaily.createMany({
    data: [
      daily("2026-11-02", alice.id, ml.id, claude.id, "", 100, 50, 1.5, 2),
      daily("2026-11-03", alice.id, ml.id, metacode.id, "", 200, 0, 0, 1),
      daily("2026-11-10", bob.id, platform.id, claude.id, infra.id, 300, 100, 4, 3, 1),
      daily("2026-11-02", xavier.id, other.id, claude.id, "", 1000, 0, 10, 5),
    ],
  });
  await rebuildMonthlyRollups();
  await prisma.capUsage.createMany({
    data: [
      { userId: alice.id, period: "2026-11", usedTokens: 850_000n },
      { userId: bob.id, period: "2026-11", usedTokens: 300_000n },
      { userId: xavier.id, period: "2026-11", usedTokens: 950_000n },
    ],
  });

  const request = (requesterId: string, createdAt: string, status: "approved" | "rejected" | "pending_manager", decidedAt: string | null) =>
    prisma.exceptionRequest.create({
      data: { requesterId, toolId: claude.id, activityId: activity.id, justification: "j", dataHandling: "d", startsAt: NOW, endsAt: NOW, status, policyVersion: 1, createdAt: new Date(createdAt), decidedAt: decidedAt ? new Date(decidedAt) : null },
    });
  await request(alice.id, "2026-11-03T00:00:00Z", "approved", "2026-11-03T10:00:00Z");
  const rejected = await request(bob.id, "2026-11-05T00:00:00Z", "rejected", null);
  await prisma.approvalStep.create({ data: { requestId: rejected.id, stage: "manager", decision: "rejected", actorId: boss.id, createdAt: new Date("2026-11-05T04:00:00Z") } });
  await request(bob.id, "2026-11-12T00:00:00Z", "pending_manager", null);
  await request(xavier.id, "2026-11-04T00:00:00Z", "approved", "2026-11-09T00:00:00Z");

  const item = (userId: string, day: string, eventCount: number, tokens: number) =>
    prisma.reviewItem.create({
      data: { type: "violation", groupKey: `violation:${userId}:${day}`, title: "v", userId, toolId: claude.id, day: new Date(`${day}T00:00:00Z`), eventCount, tokens: BigInt(tokens), openedAt: new Date(`${day}T09:00:00Z`), clauses: { create: [{ clauseId: clause.id }] } },
    });
  const bobItem = await item(bob.id, "2026-11-10", 1, 400);
  await item(xavier.id, "2026-11-02", 5, 1000);
  await prisma.usageEvent.create({
    data: { externalId: "ev-bob-1", occurredAt: new Date("2026-11-10T09:00:00Z"), userId: bob.id, toolId: claude.id, projectId: infra.id, activityId: activity.id, inputTokens: 300, outputTokens: 100, costUsd: 4, outcome: "violation", reviewItemId: bobItem.id },
  });

  return { boss, alice, bob, xavier, legal, claude, metacode, platform, ml, other, clause, infra };
}
