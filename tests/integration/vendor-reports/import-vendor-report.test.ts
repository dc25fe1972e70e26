import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importVendorReport, type ImportedVendorReport } from "@/lib/vendor-reports/import-vendor-report";
import { listVendorReports } from "@/lib/vendor-reports/list-vendor-reports";
import { listVendorAccounts, mapVendorAccount } from "@/lib/vendor-reports/vendor-accounts";
import { useTestDb } from "../../support/test-db";
import { createVendorFixtures, vendorFixture, type VendorFixtures } from "./vendor-fixtures";

useTestDb();

let f: VendorFixtures;
const admin = () => ({ type: "user" as const, id: f.admin.id });
const imported = (outcome: Awaited<ReturnType<typeof importVendorReport>>): ImportedVendorReport => {
  if (outcome.status === "invalid") throw new Error(`refused: ${JSON.stringify(outcome.errors)}`);
  return outcome;
};
const counts = async () => ({ reports: await prisma.vendorReport.count(), rows: await prisma.vendorUsageRow.count(), audit: await prisma.auditEntry.count({ where: { entityType: "vendor_report" } }) });

beforeAll(async () => {
  f = await createVendorFixtures();
});

describe("importing vendor reports", () => {
  it("stores a Claude Code report: rows per person, day and model, people matched by email ignoring case, audited", async () => {
    const r = imported(await importVendorReport(admin(), { text: vendorFixture("anthropic-claude-code.pages.json"), fileName: "cc.json" }));
    expect(r).toMatchObject({ status: "imported", vendorId: f.anthropic.id, vendorSlug: "anthropic", kind: "anthropic_claude_code", format: "json", periodStart: "2026-11-20", periodEnd: "2026-11-23", rowCount: 5, created: 5, updated: 0, matchedPeople: 4 });
    const rows = (await prisma.vendorUsageRow.findMany({ where: { reportId: r.reportId } })).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
    expect(rows.map((x) => [x.day.toISOString().slice(0, 10), x.actorEmail, x.userId, x.model, Number(x.inputTokens), x.costUsd?.toFixed(6), x.costBilled])).toEqual([
      ["2026-11-20", "engineer@example.com", f.engineer.id, "claude-3-5-haiku-20241022", 50000, "2.100000", false],
      ["2026-11-20", "engineer@example.com", f.engineer.id, "claude-sonnet-4-20250514", 100000, "10.250000", false],
      ["2026-11-20", null, null, "claude-sonnet-4-20250514", 4000, "0.240000", false],
      ["2026-11-21", "manager@example.com", f.manager.id, "claude-sonnet-4-20250514", 42000, "3.185000", false],
      ["2026-11-23", "engineer@example.com", f.engineer.id, "claude-sonnet-4-20250514", 60000, "4.050000", false],
    ]);
    const audit = await prisma.auditEntry.findFirst({ where: { entityType: "vendor_report", entityId: r.reportId } });
    expect(audit).toMatchObject({ action: "vendor_report.imported", actorType: "user", actorId: f.admin.id });
    expect(audit?.data).toMatchObject({ vendor: "anthropic", kind: "anthropic_claude_code", rows: 5, created: 5, updated: 0, file: "cc.json" });
  });

  it("changes nothing when the same file comes again, and says so", async () => {
    const before = await counts();
    const again = imported(await importVendorReport(admin(), { text: vendorFixture("anthropic-claude-code.pages.json") }));
    expect(again).toMatchObject({ status: "already_imported", rowCount: 5, created: 0, updated: 0 });
    expect(await counts()).toEqual(before);
  });

  it("replaces, never adds to, the buckets an overlapping report shares with an earlier one", async () => {
    const before = await counts();
    // The CSV export of the same days is another file with the same buckets.
    const r = imported(await importVendorReport(admin(), { text: vendorFixture("anthropic-claude-code.csv") }));
    expect(r).toMatchObject({ status: "imported", format: "csv", created: 0, updated: 5 });
    // A later export covering the 23rd again with a corrected figure, and a new day.
    const later = "date,actor.type,actor.email_address,model,tokens.input,tokens.output,estimated_cost.currency,estimated_cost.amount\n2026-11-23,user_actor,ENGINEER@example.com,claude-sonnet-4-20250514,61000,15000,USD,411\n2026-11-24,user_actor,engineer@example.com,claude-sonnet-4-20250514,1000,100,USD,5\n";
    const r2 = imported(await importVendorReport(admin(), { text: later, fileName: "later.csv" }));
    expect(r2).toMatchObject({ created: 1, updated: 1, periodStart: "2026-11-23", periodEnd: "2026-11-24" });
    expect(await counts()).toEqual({ reports: before.reports + 2, rows: before.rows + 1, audit: before.audit + 2 });
    const total = await prisma.vendorUsageRow.aggregate({ where: { vendorId: f.anthropic.id, kind: "anthropic_claude_code", actorEmail: "engineer@example.com" }, _sum: { inputTokens: true, costUsd: true } });
    expect(Number(total._sum.inputTokens)).toBe(50000 + 100000 + 61000 + 1000);
    expect(total._sum.costUsd?.toFixed(6)).toBe("16.510000");
    const row23 = await prisma.vendorUsageRow.findFirstOrThrow({ where: { actorEmail: "engineer@example.com", day: new Date("2026-11-23T00:00:00Z") } });
    expect(row23.reportId).toBe(r2.reportId);
  });

  it("refuses a file with a bad row, naming row and field, and stores nothing", async () => {
    const before = await counts();
    const out = await importVendorReport(admin(), { text: vendorFixture("anthropic-claude-code.malformed.json") });
    expect(out).toEqual({
      status: "invalid",
      kind: "anthropic_claude_code",
      errors: [
        { row: "data[1].model_breakdown[0]", field: "estimated_cost.currency", message: expect.stringContaining("only USD") },
        { row: "data[1].model_breakdown[0]", field: "tokens.input", message: 'must be a non-negative whole number, not "lots"' },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("keeps reports of different kinds apart and records an API key as the importer", async () => {
    const key = await prisma.apiKey.create({ data: { name: "finance-sync", prefix: "grk_fin", hash: "h-fin", scopes: ["ingest"], createdById: f.admin.id } });
    const usage = imported(await importVendorReport({ type: "api_key", id: key.id }, { text: vendorFixture("openai-usage.pages.json") }));
    const costs = imported(await importVendorReport({ type: "api_key", id: key.id }, { text: vendorFixture("openai-costs.json"), vendor: "openai" }));
    expect([usage.kind, usage.created, costs.kind, costs.created]).toEqual(["openai_usage", 3, "openai_costs", 4]);
    const report = await prisma.vendorReport.findUniqueOrThrow({ where: { id: costs.reportId } });
    expect([report.apiKeyId, report.importedById]).toEqual([key.id, null]);
    const billed = await prisma.vendorUsageRow.aggregate({ where: { vendorId: f.openai.id, costBilled: true }, _sum: { costUsd: true } });
    expect(billed._sum.costUsd?.toFixed(6)).toBe("0.472500");
    const listed = await listVendorReports();
    expect(listed[0]).toMatchObject({ vendorName: "OpenAI", kind: "openai_costs", importedBy: "API key finance-sync", rowCount: 4 });
  });

  it("refuses a vendor the catalog lacks", async () => {
    await prisma.vendor.update({ where: { slug: "google" }, data: { slug: "google-archived" } });
    try {
      const error = await importVendorReport(admin(), { text: vendorFixture("google-billing.csv") }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("unknown_vendor");
    } finally {
      await prisma.vendor.update({ where: { slug: "google-archived" }, data: { slug: "google" } });
    }
    expect(imported(await importVendorReport(admin(), { text: vendorFixture("google-billing.csv") })).created).toBe(2);
  });
});

describe("vendor accounts", () => {
  it("lists the accounts reports named and maps one to a team, then to a gateway key, audited", async () => {
    imported(await importVendorReport(admin(), { text: vendorFixture("anthropic-messages-usage.pages.jsonl") }));
    const accounts = await listVendorAccounts();
    const workspace = accounts.find((a) => a.accountRef === "workspace:wrkspc_01Lab9Zn4Gq7HZxmUUsKM2Ve")!;
    expect(workspace).toMatchObject({ vendorName: "Anthropic", rows: 1, firstDay: "2026-11-21", lastDay: "2026-11-21", mapping: null });
    expect(accounts.map((a) => a.accountRef)).toContain("api_key_name:ci-bot");

    await mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: workspace.accountRef, teamId: f.team.id, apiKeyId: null, label: "Research workspace" });
    const gateway = await prisma.apiKey.create({ data: { name: "gw-eu", prefix: "grk_gweu", hash: "h-gw", scopes: ["ingest"], createdById: f.admin.id } });
    await mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: "api_key:apikey_01Rj2N8SVvo6BePZj99NhmiT", teamId: null, apiKeyId: gateway.id, label: null });
    const after = await listVendorAccounts();
    expect(after.find((a) => a.accountRef === workspace.accountRef)?.mapping).toMatchObject({ label: "Research workspace", team: { name: "Platform V" }, apiKey: null });
    expect(after.find((a) => a.accountRef === "api_key:apikey_01Rj2N8SVvo6BePZj99NhmiT")?.mapping).toMatchObject({ apiKey: { name: "gw-eu" }, team: null });
    expect(await prisma.auditEntry.count({ where: { entityType: "vendor_account_mapping", action: "vendor_account.mapped" } })).toBe(2);

    await mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: workspace.accountRef, teamId: null, apiKeyId: null, label: null });
    expect((await listVendorAccounts()).find((a) => a.accountRef === workspace.accountRef)?.mapping).toBeNull();
    expect(await prisma.auditEntry.count({ where: { action: "vendor_account.unmapped" } })).toBe(1);
  });

  it("refuses an account no report named, a personal token, and both targets at once", async () => {
    const owner = await prisma.apiKey.create({ data: { name: "mine", prefix: "grk_mine", hash: "h-mine", scopes: ["ingest"], createdById: f.engineer.id, ownerId: f.engineer.id } });
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e as AppError).code);
    expect(await err(mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: "workspace:nope", teamId: f.team.id, apiKeyId: null, label: null }))).toBe("not_found");
    expect(await err(mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: "api_key_name:ci-bot", teamId: null, apiKeyId: owner.id, label: null }))).toBe("validation_failed");
    expect(await err(mapVendorAccount(admin(), { vendorId: f.anthropic.id, accountRef: "api_key_name:ci-bot", teamId: f.team.id, apiKeyId: owner.id, label: null }))).toBe("validation_failed");
  });
});
