// Vendor-billed cost in the spend reports, and external versus in-house spend month over month, on the hand-built
// report fixture (see report-fixture.ts for its usage rows).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { loadOrgReport } from "@/lib/reports/load-org-report";
import { exportReportCsv } from "@/lib/reports/export-report-csv";
import { parseReportFilters } from "@/lib/validation/report";
import { useTestDb } from "../../support/test-db";
import { createReportFixture, NOW, rebuildMonthlyRollups } from "./report-fixture";

useTestDb();

let fx: Awaited<ReturnType<typeof createReportFixture>>;
const filters = () => parseReportFilters({ range: "custom", from: "2026-11-01", to: "2026-11-15", grain: "week" }, "2026-11-15");

beforeAll(async () => {
  fx = await createReportFixture();
  // October, for the month-over-month comparison: in-house $2 (Alice), external $6 (Bob).
  await prisma.usageDaily.createMany({
    data: [
      { day: new Date("2026-10-05"), userId: fx.alice.id, teamId: fx.ml.id, toolId: fx.metacode.id, projectId: "", inputTokens: 1000n, outputTokens: 0n, costUsd: 2, events: 1 },
      { day: new Date("2026-10-06"), userId: fx.bob.id, teamId: fx.platform.id, toolId: fx.claude.id, projectId: "", inputTokens: 300n, outputTokens: 0n, costUsd: 6, events: 1 },
    ],
  });
  await rebuildMonthlyRollups();
  const anthropicId = (await prisma.tool.findUniqueOrThrow({ where: { id: fx.claude.id } })).vendorId;
  const report = await prisma.vendorReport.create({ data: { vendorId: anthropicId, kind: "anthropic_cost", format: "json", sha256: "billed-test", rowCount: 3, periodStart: new Date("2026-11-02"), periodEnd: new Date("2026-11-10") } });
  const row = (rowKey: string, day: string, costUsd: number, costBilled: boolean) =>
    ({ vendorId: anthropicId, kind: costBilled ? "anthropic_cost" : "anthropic_messages_usage", rowKey, reportId: report.id, day: new Date(day), accountRef: "workspace:wrk_1", costUsd, costBilled });
  await prisma.vendorUsageRow.createMany({
    data: [
      row("a", "2026-11-02", 20, true),
      row("b", "2026-11-02", 3, true), // billed 11-02: $23
      row("c", "2026-11-05", 2, true), // billed on a day Guardrail saw no Anthropic usage
      row("d", "2026-11-10", 100, false), // an estimate: never replaces anything
    ],
  });
});

describe("vendor-billed cost replaces the estimate", () => {
  it("spreads a day's bill over the scope's people in proportion to their estimate (manager's org)", async () => {
    // By hand: Anthropic on 11-02, company-wide estimate $1.50 (Alice) + $10 (Xavier, outside the org) = $11.50; bill
    // $23 → ×2. Alice's $1.50 becomes $3.00. The org's spend: $5.50 estimated − $1.50 + $3.00 = $7.00, $3.00 billed.
    // The $2 bill of 11-05 has no usage Guardrail saw: it belongs to nobody in this org. 11-10's $100 is an estimate.
    const r = await loadOrgReport(fx.boss, filters(), NOW);
    expect(r.totals.costUsd).toBeCloseTo(7, 6);
    expect(r.totals.billedUsd).toBeCloseTo(3, 6);
    expect(r.hasUnseenBills).toBe(false);
    expect(r.spendByTool.map((b) => [b.bucket, b.values["claude-code"], b.total])).toEqual([
      ["2026-10-26", 0, 0],
      ["2026-11-02", 3, 3],
      ["2026-11-09", 4, 4],
    ]);
    const { orgReportTables } = await import("@/lib/reports/org-report-tables");
    const table = orgReportTables(r)["spend-by-tool"];
    expect(table.rows.map((row) => [row.bucket, row.total, row.billed, row.estimated])).toEqual([
      ["2026-10-26", 0, 0, 0],
      ["2026-11-02", 3, 3, 0],
      ["2026-11-09", 4, 0, 4],
    ]);
  });

  it("gives the whole company the bill exactly, and shows a bill Guardrail saw no usage for", async () => {
    // By hand: company estimate $15.50 = $1.50 + $10 + $4; 11-02 becomes $23 → $27; plus the unseen $2 of 11-05 → $29,
    // of which $25 billed.
    const r = await loadOrgReport(fx.legal, filters(), NOW);
    expect(r.totals.costUsd).toBeCloseTo(29, 6);
    expect(r.totals.billedUsd).toBeCloseTo(25, 6);
    expect(r.hasUnseenBills).toBe(true);
    expect(r.spendByTool[1].values["claude-code"]).toBeCloseTo(23, 6);
    expect(r.spendByTool[1].values["vendor-billed-unseen"]).toBeCloseTo(2, 6);
  });

  it("says which numbers are billed in the CSV too", async () => {
    const res = await exportReportCsv(fx.boss, "org", "spend-by-tool", new URLSearchParams("range=custom&from=2026-11-01&to=2026-11-15&grain=week"), NOW);
    const text = await res.text();
    const [header, , nov2] = text.trim().split(/\r?\n/);
    expect(header).toContain("of which vendor-billed,of which estimated (price list)");
    expect(nov2.endsWith(",3,3,0")).toBe(true);
  });
});

describe("external versus in-house spend, month over month", () => {
  it("is scoped like the org report, with billed cost and the change against the month before", async () => {
    const r = await loadOrgReport(fx.boss, filters(), NOW);
    expect(r.externalVsInHouse).toHaveLength(12);
    expect(r.externalVsInHouse[0].month).toBe("2025-12");
    const [oct, nov] = r.externalVsInHouse.slice(-2);
    // October: external $6, in-house $2 → in-house share of spend 2 / 8 = 25%; tokens 1000 / 1300. The month before is
    // empty, so no change.
    expect(oct).toMatchObject({ month: "2026-10", externalUsd: 6, inHouseUsd: 2, inHouseSpendShare: 0.25, inHouseTokenShare: 1000 / 1300, externalChange: null, shareChangePoints: null });
    // November: external $1.50 + $4 estimated, Alice's $1.50 billed as $3 → $7; in-house $0 (MetaCode has no price in the
    // fixture) → share 0%; external +$1 on $6 = +16.7%; share −25 points.
    expect(nov.month).toBe("2026-11");
    expect(nov.externalUsd).toBeCloseTo(7, 6);
    expect(nov.externalBilledUsd).toBeCloseTo(3, 6);
    expect(nov.inHouseSpendShare).toBe(0);
    expect(nov.externalChange).toBeCloseTo(1 / 6, 6);
    expect(nov.shareChangePoints).toBeCloseTo(-25, 6);

    // The whole company (legal): November external $15.50 → $27 with the bill, + $2 billed for unseen usage = $29.
    const company = await loadOrgReport(fx.legal, filters(), NOW);
    expect(company.externalVsInHouse.at(-1)!.externalUsd).toBeCloseTo(29, 6);
    expect(company.externalVsInHouse.at(-2)!.externalUsd).toBeCloseTo(6, 6);

    const csv = await (await exportReportCsv(fx.boss, "org", "external-vs-in-house", new URLSearchParams("range=custom&from=2026-11-01&to=2026-11-15"), NOW)).text();
    // tokens in November: in-house 200 of 150 + 200 + 400 = 750 → 26.7%
    expect(csv.trim().split(/\r?\n/).at(-1)).toBe("2026-11,7,3,0,0,26.7,16.7,-25");
  });
});
