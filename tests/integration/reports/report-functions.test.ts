import { describe, expect, it } from "vitest";
import { loadOrgReport } from "@/lib/reports/load-org-report";
import { loadLegalReport } from "@/lib/reports/load-legal-report";
import { loadMyUsage } from "@/lib/reports/load-my-usage";
import { exportReportCsv } from "@/lib/reports/export-report-csv";
import { dailyRowBatches, dailyRowsCsv } from "@/lib/reports/export-daily-rows";
import { resolveReportScope } from "@/lib/reports/report-scope";
import { parseReportFilters } from "@/lib/validation/report";
import { useTestDb } from "../../support/test-db";
import { prisma } from "@/lib/db/client";
import { createReportFixture, NOW, rebuildMonthlyRollups } from "./report-fixture";

useTestDb();

const filters = (extra: Record<string, string> = {}) => parseReportFilters({ range: "custom", from: "2026-11-01", to: "2026-11-15", grain: "week", ...extra }, "2026-11-15");
let fx: Awaited<ReturnType<typeof createReportFixture>>;

describe("org report on a hand-built dataset", () => {
  it("covers the manager's org only, with hand-computed totals", async () => {
    fx = await createReportFixture();
    const r = await loadOrgReport(fx.boss, filters(), NOW);
    expect(r.totals).toEqual({ tokens: 750, costUsd: 5.5, billedUsd: 0, events: 6, violations: 1, people: 3 });
    expect(r.tokensByTool.map((b) => [b.bucket, b.values["claude-code"], b.values.metacode])).toEqual([
      ["2026-10-26", 0, 0],
      ["2026-11-02", 150, 200],
      ["2026-11-09", 400, 0],
    ]);
    expect(r.inHouse[1]).toEqual({ bucket: "2026-11-02", internal: 200, external: 150, internalShare: 200 / 350 });
    expect(r.topPeople.map((p) => [p.email, p.tokens])).toEqual([
      ["bob@example.com", 400],
      ["alice@example.com", 350],
    ]);
    expect(r.topProjects.map((p) => [p.key, p.tokens, p.people])).toEqual([
      ["infra-ci", 400, 1],
      [null, 350, 1],
    ]);
    expect(r.capHistogram.map((b) => b.people)).toEqual([1, 1, 0, 0, 1, 0]);
    const alice = r.capPeople.find((p) => p.userId === fx.alice.id)!;
    // 850,000 in 15 days is 56,666.67 a day: 17 days stay under 1,000,000, day 18 passes it
    expect(alice).toMatchObject({ used: 850_000, cap: 1_000_000, projected: 1_700_000, breachDay: "2026-11-18", alreadyOver: false });
    expect(r.exceptions).toMatchObject({ opened: 3, approved: 1, rejected: 1, pending: 1, medianHours: 7 });
    expect(r.violationsByClause).toEqual([{ clauseId: fx.clause.id, ref: "D.4", vendor: "Anthropic", summary: "No competing models.", items: 1, events: 1 }]);
    expect(r.teamForecast.map((t) => [t.team, t.spent, t.runRate])).toEqual([
      ["Platform", 4, 8],
      ["ML", 1.5, 3],
    ]);
    expect(JSON.stringify(r)).not.toContain("xavier");
  });

  it("narrows to a team of the manager's org and ignores a team outside it", async () => {
    const ml = await loadOrgReport(fx.boss, filters({ team: "ml" }), NOW);
    expect(ml.scope.label).toBe("ML");
    expect(ml.totals.tokens).toBe(350);
    const scope = await resolveReportScope(fx.boss, "other");
    expect(scope.teamOptions.map((t) => t.slug)).toEqual(["ml", "platform"]);
    expect(scope.problems).toHaveLength(1);
    expect(scope.scope).toEqual({ kind: "users", userIds: expect.arrayContaining([fx.boss.id, fx.alice.id, fx.bob.id]) });
    expect(scope.scope.kind === "users" && scope.scope.userIds).not.toContain(fx.xavier.id);
  });

  it("gives legal the whole company, or any team with the teams below it", async () => {
    expect((await loadOrgReport(fx.legal, filters(), NOW)).totals.tokens).toBe(1750);
    expect((await loadOrgReport(fx.legal, filters({ team: "platform" }), NOW)).totals.tokens).toBe(750);
    expect((await loadOrgReport(fx.legal, filters({ team: "other" }), NOW)).totals.tokens).toBe(1000);
  });

  it("exports the same numbers as CSV, and streams daily rows in keyset batches", async () => {
    const res = await exportReportCsv(fx.boss, "org", "top-people", new URLSearchParams("range=custom&from=2026-11-01&to=2026-11-15"), NOW);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(await res.text()).toBe("Person,Email,Tokens,Spend (USD),Events,Violations\r\nbob,bob@example.com,400,4,3,1\r\nalice,alice@example.com,350,1.5,3,0\r\n");
    const window = { from: "2026-11-01", to: "2026-11-15", scope: { kind: "users" as const, userIds: [fx.boss.id, fx.alice.id, fx.bob.id] } };
    const batches: unknown[][] = [];
    for await (const batch of dailyRowBatches(window, 1)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
    const lines = (await new Response(dailyRowsCsv(window, 1)).text()).split("\r\n").slice(0, -1);
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "2026-11-02,alice@example.com,claude-code,",
      "2026-11-03,alice@example.com,metacode,",
      "2026-11-10,bob@example.com,claude-code,infra-ci",
    ]);
  });

  it("names an export after the team it covers, never after a team that was ignored", async () => {
    const name = async (query: string, table = "daily-rows") =>
      (await exportReportCsv(fx.boss, "org", table, new URLSearchParams(`range=custom&from=2026-11-01&to=2026-11-15&${query}`), NOW)).headers.get("content-disposition");
    expect(await name("team=other")).toBe('attachment; filename="org-daily-rows-2026-11-01-to-2026-11-15.csv"');
    expect(await name("team=ml", "top-people")).toBe('attachment; filename="org-top-people-2026-11-01-to-2026-11-15-ml.csv"');
  });

  it("refuses the org and legal exports to people without the role", async () => {
    await expect(exportReportCsv(fx.alice, "org", "top-people", new URLSearchParams(), NOW)).rejects.toMatchObject({ status: 403 });
    await expect(exportReportCsv(fx.boss, "legal", "vendor-exposure", new URLSearchParams(), NOW)).rejects.toMatchObject({ status: 403 });
    await expect(exportReportCsv(fx.legal, "org", "nope", new URLSearchParams(), NOW)).rejects.toMatchObject({ status: 404 });
  });
});

describe("legal report and my usage", () => {
  it("ages the open queue and totals exposure per vendor", async () => {
    const r = await loadLegalReport(fx.legal, filters(), NOW);
    // opened 11-10 09:00 and 11-02 09:00, as of 11-15 12:00: 5 and 13 whole days
    expect(r.ageing.map((a) => [a.band, a.values.violation])).toEqual([
      ["0–2 days", 0],
      ["3–7 days", 1],
      ["8–14 days", 1],
      ["15–30 days", 0],
      ["over 30 days", 0],
    ]);
    expect(r.exposure).toEqual([{ vendor: "Anthropic", items: 1, events: 1, tokens: 400, costUsd: 4 }]);
    expect(r.vendorClauseSeries).toEqual([
      { bucket: "2026-11-02", vendor: "Anthropic", ref: "D.4", items: 1, events: 5 },
      { bucket: "2026-11-09", vendor: "Anthropic", ref: "D.4", items: 1, events: 1 },
    ]);
  });

  it("shows a person only their own usage against their cap", async () => {
    const u = await loadMyUsage(fx.alice, NOW);
    expect(u).toMatchObject({ used: 850_000, cap: 1_000_000 });
    expect(u.byTool.map((t) => [t.tool, t.tokens])).toEqual([
      ["metacode", 200],
      ["claude-code", 150],
    ]);
    expect(u.daily).toHaveLength(15);
    expect(u.byProject).toEqual([{ project: "(no project)", tokens: 350, costUsd: 1.5 }]);
  });
});

describe("org report over whole months (after the tests above: it adds usage)", () => {
  it("reads whole months from the monthly rollups and the edge days from the daily ones, with the same totals", async () => {
    const row = (day: string, userId: string, teamId: string, toolId: string, projectId: string, input: number, costUsd: number) => ({
      day: new Date(`${day}T00:00:00Z`), userId, teamId, toolId, projectId, inputTokens: BigInt(input), outputTokens: 0n, costUsd, events: 1, violations: 0,
    });
    await prisma.usageDaily.createMany({
      data: [
        row("2026-09-19", fx.alice.id, fx.ml.id, fx.claude.id, "", 5, 0.5), // before the window
        row("2026-09-25", fx.bob.id, fx.platform.id, fx.claude.id, fx.infra.id, 15, 1), // edge day
        row("2026-10-01", fx.alice.id, fx.ml.id, fx.metacode.id, fx.infra.id, 20, 0), // whole month
        row("2026-10-31", fx.alice.id, fx.ml.id, fx.metacode.id, fx.infra.id, 40, 0),
        row("2026-10-31", fx.xavier.id, fx.other.id, fx.claude.id, "", 80, 8), // outside the org
      ],
    });
    await rebuildMonthlyRollups();
    const r = await loadOrgReport(fx.boss, parseReportFilters({ range: "custom", from: "2026-09-20", to: "2026-11-15", grain: "month" }, "2026-11-15"), NOW);
    expect(r.totals).toEqual({ tokens: 750 + 15 + 60, costUsd: 5.5 + 1, billedUsd: 0, events: 6 + 3, violations: 1, people: 3 });
    expect(r.tokensByTool.map((b) => [b.bucket, b.values["claude-code"], b.values.metacode])).toEqual([
      ["2026-09-01", 15, 0],
      ["2026-10-01", 0, 60],
      ["2026-11-01", 550, 200],
    ]);
    expect(r.topPeople.map((p) => [p.email, p.tokens, p.events])).toEqual([
      ["bob@example.com", 415, 4],
      ["alice@example.com", 410, 5],
    ]);
    expect(r.topProjects.map((p) => [p.key, p.tokens, p.people])).toEqual([
      ["infra-ci", 475, 2],
      [null, 350, 1],
    ]);
  });
});
