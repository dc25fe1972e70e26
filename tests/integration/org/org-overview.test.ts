import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { capPeriod } from "@/lib/calendar";
import { getManagerOverview } from "@/lib/overview/manager-overview";
import { getEngineerOverview } from "@/lib/overview/engineer-overview";
import { useTestDb } from "../../support/test-db";
import { asPerson, createOrgFixture } from "./org-fixture";

useTestDb();
const now = new Date("2026-11-20T12:00:00Z");
const period = capPeriod(now, "UTC");
let org: Awaited<ReturnType<typeof createOrgFixture>>;

beforeAll(async () => {
  org = await createOrgFixture();
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  await prisma.usageDaily.createMany({
    data: [
      { day: day("2026-11-03"), userId: org.e1.id, toolId: "t1", inputTokens: 1000n, outputTokens: 500n, costUsd: 1.25, violations: 2 },
      { day: day("2026-11-19"), userId: org.e2.id, toolId: "t1", inputTokens: 3000n, outputTokens: 0n, costUsd: 2.5 },
      // last month and outside the org: not counted
      { day: day("2026-10-31"), userId: org.e1.id, toolId: "t1", inputTokens: 9999n, outputTokens: 9999n, costUsd: 99 },
      { day: day("2026-11-10"), userId: org.e4.id, toolId: "t1", inputTokens: 7777n, outputTokens: 0n, costUsd: 7 },
    ],
  });
  await prisma.cap.createMany({
    data: [
      { scope: "role", role: "engineer", monthlyTokens: 10_000n },
      { scope: "user", userId: org.e2.id, monthlyTokens: 1_000n },
    ],
  });
  await prisma.capUsage.createMany({
    data: [
      { userId: org.e1.id, period, usedTokens: 8_500n },
      { userId: org.e2.id, period, usedTokens: 3_000n },
      { userId: org.e3.id, period, usedTokens: 100n },
      { userId: org.e1.id, period: "2026-10", usedTokens: 50_000n },
    ],
  });
});

describe("getManagerOverview", () => {
  it("sums this month's rollups for the whole subtree and counts active people near and over their cap", async () => {
    await prisma.capUsage.create({ data: { userId: org.gone.id, period, usedTokens: 99_000n } });
    const o = await getManagerOverview(asPerson(org.top), now);
    expect(o).toMatchObject({ period: "2026-11", people: 4, tokens: 4500, violations: 2, pendingApprovals: 0, over80: 1, over100: 1 });
    expect(o.spendUsd).toBeCloseTo(3.75);
  });

  it("covers only the manager's own subtree", async () => {
    const o = await getManagerOverview(asPerson(org.other), now);
    expect(o).toMatchObject({ people: 1, tokens: 7777, over80: 0, over100: 0 });
  });

  it("shows zeros for a manager nobody reports to", async () => {
    const lonely = await prisma.user.create({ data: { email: "lonely@org.test", employeeId: "E-lonely", name: "Lonely", roles: ["manager"] } });
    expect(await getManagerOverview(asPerson(lonely), now)).toMatchObject({ people: 0, tokens: 0, spendUsd: 0 });
  });
});

describe("getEngineerOverview", () => {
  it("shows this month's use against the resolved cap (personal override beats the role default)", async () => {
    expect(await getEngineerOverview(asPerson(org.e1), now)).toMatchObject({ period: "2026-11", used: 8_500, limit: 10_000, requests: [], activeGrants: 0 });
    expect(await getEngineerOverview(asPerson(org.e2), now)).toMatchObject({ used: 3_000, limit: 1_000 });
  });
});
