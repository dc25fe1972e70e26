import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { foldClosedDays } from "@/lib/usage/daily-rollup";
import { loadDailyToolUsage } from "@/lib/reports/usage-queries";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { useTestDb } from "../../support/test-db";
import { recountRollups } from "../reliability/recount";
import { createGatewayFixture, usageEvent, type GatewayFixture } from "./gateway-fixture";

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});
// Each test starts with no usage (the recount compares whole tables).
beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "UsageEvent", "UsageDaily", "UsageDailyRecent", "UsageMonthly", "CapUsage", "CapBucketUsage"`);
});

// The company time zone is UTC in tests, so an event's day is its UTC date.
const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`;
const recentDays = async () => (await prisma.usageDailyRecent.findMany({ select: { day: true } })).map((r) => r.day.toISOString().slice(0, 10));
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

async function expectRollupsToMatchEvents() {
  const { daily, monthly, events } = await recountRollups();
  expect(daily.mismatches).toEqual([]);
  expect(monthly.mismatches).toEqual([]);
  return events;
}

async function reportTotals(from: string, to: string) {
  const byDay = await loadDailyToolUsage({ from, to, scope: { kind: "all" } });
  const byMonth = await loadDailyToolUsage({ from, to, scope: { kind: "all" } }, "month");
  const summary = await summarizeUsage({ from, to, groupBy: "user" });
  return {
    byDay: byDay.reduce((a, r) => a + r.events, 0),
    byMonth: byMonth.reduce((a, r) => a + r.events, 0),
    summary: summary.rows.reduce((a, r) => a + r.events, 0),
  };
}

describe("folding closed days into the reports' rollups", () => {
  it("moves the days before today into UsageDaily and UsageMonthly, keeps today's, and the reports count every event once", async () => {
    const days = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"];
    const events = days.flatMap((day, d) => Array.from({ length: 6 }, (_, i) => usageEvent({ occurredAt: at(day, 8 + i), inputTokens: 100 * (d + 1) + i })));
    expect(await ingestUsageEvents(events)).toMatchObject({ accepted: 30, rejected: [] });
    expect(await prisma.usageDaily.count()).toBe(0);
    expect(await reportTotals("2026-10-01", "2026-11-30")).toEqual({ byDay: 30, byMonth: 30, summary: 30 });

    const folded = await foldClosedDays(noon("2026-11-03"));
    expect(folded).toEqual({ moved: 4, dailyRows: 4, monthlyRows: 2 });
    expect(await recentDays()).toEqual(["2026-11-03"]);
    expect((await prisma.usageMonthly.findMany({ orderBy: { month: "asc" } })).map((m) => [m.month.toISOString().slice(0, 10), m.events])).toEqual([
      ["2026-10-01", 12],
      ["2026-11-01", 12],
    ]);
    await expectRollupsToMatchEvents();
    // October is a whole month (read from UsageMonthly); November's days come from both daily tables.
    expect(await reportTotals("2026-10-01", "2026-11-30")).toEqual({ byDay: 30, byMonth: 30, summary: 30 });
    expect(await reportTotals("2026-11-01", "2026-11-03")).toEqual({ byDay: 18, byMonth: 18, summary: 18 });

    // A late event for a folded day lands beside its folded row, and the next fold adds it to that row.
    await ingestUsageEvents([usageEvent({ occurredAt: at("2026-11-01", 23), inputTokens: 7 })]);
    expect((await recentDays()).sort()).toEqual(["2026-11-01", "2026-11-03"]);
    await expectRollupsToMatchEvents();
    expect(await reportTotals("2026-10-01", "2026-11-30")).toEqual({ byDay: 31, byMonth: 31, summary: 31 });
    expect(await foldClosedDays(noon("2026-11-04"))).toEqual({ moved: 2, dailyRows: 2, monthlyRows: 1 });
    expect(await prisma.usageDailyRecent.count()).toBe(0);
    const nov1 = await prisma.usageDaily.findMany({ where: { day: new Date("2026-11-01T00:00:00Z") } });
    expect(nov1.map((r) => r.events)).toEqual([7]);
    expect(await expectRollupsToMatchEvents()).toBe(31);
    expect(await foldClosedDays(noon("2026-11-04"))).toEqual({ moved: 0, dailyRows: 0, monthlyRows: 0 });
  });

  it("moves a backlog in chunks, and loses or doubles nothing while ingestion adds to the same days", async () => {
    const people = [fx.engineer.email, fx.manager.email];
    const projects = ["infra-ci", undefined];
    const event = (n: number) =>
      usageEvent({ occurredAt: at(`2026-09-${String(1 + (n % 20)).padStart(2, "0")}`, n % 24), user: people[Math.floor(n / 20) % 2], project: projects[Math.floor(n / 40) % 2], inputTokens: 10 + n });
    expect(await ingestUsageEvents(Array.from({ length: 200 }, (_, n) => event(n)))).toMatchObject({ accepted: 200 });
    const before = await prisma.usageDailyRecent.count();
    expect(before).toBe(80); // 20 days, 2 people, with and without a project

    // Folds in chunks of 7 rows while four more batches for the same days are stored.
    const [fold] = await Promise.all([
      foldClosedDays(noon("2026-10-15"), 7),
      ...[0, 1, 2, 3].map((b) => ingestUsageEvents(Array.from({ length: 50 }, (_, i) => event(200 + b * 50 + i)))),
    ]);
    expect(fold.moved).toBeGreaterThanOrEqual(before);
    await foldClosedDays(noon("2026-10-15"), 7);
    expect(await prisma.usageDailyRecent.count()).toBe(0);
    expect(await expectRollupsToMatchEvents()).toBe(400);
    expect(await reportTotals("2026-09-01", "2026-09-30")).toEqual({ byDay: 400, byMonth: 400, summary: 400 });
  });
});
