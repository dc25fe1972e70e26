import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { loadReconciliation } from "@/lib/reconciliation/load-reconciliation";
import { readGapThreshold, setGapThreshold, DEFAULT_GAP_THRESHOLD } from "@/lib/reconciliation/gap-threshold";
import { openUnseenUsageReviewItems } from "@/lib/reconciliation/open-unseen-usage-review-items";
import { listReviewItemVendorRows } from "@/lib/review/list-review-item-vendor-rows";
import { recordReviewOutcome } from "@/lib/review/record-review-outcome";
import { useTestDb } from "../../support/test-db";
import { createReconFixture } from "./recon-fixture";

useTestDb();

let fx: Awaited<ReturnType<typeof createReconFixture>>;
beforeAll(async () => {
  fx = await createReconFixture();
});
const window = { from: "2026-11-01", to: "2026-11-05" };

describe("reconciliation numbers on a hand-computed example", () => {
  it("compares per vendor, UTC day and subject, without counting anything twice", async () => {
    const lines = await loadReconciliation(window, DEFAULT_GAP_THRESHOLD);
    // By hand (threshold: more than 10,000 tokens and more than 5% of the vendor's tokens):
    // Platform 11-02  vendor r1 40,000+10,000+5,000 cache + r2 20,000+5,000 = 80,000 tokens; cost: the cost report
    //                 covers the bucket, so billed r5 $0.70 (the estimates $0.60+$0.05 are not added);
    //                 Guardrail e1 35,000 (Alice, in ML under Platform) + e2 10,000 (Bob, 23:30 UTC) = 45,000, $0.50;
    //                 gap 35,000 tokens, $0.20 → unexplained.
    // Unmapped wrk_unknown 11-03: vendor r4 30,000, $0.30 estimated; Guardrail 0 → gap 30,000 → unexplained.
    // Alice 11-03     analytics r6 15,000, $0.20 estimated; Guardrail e8 5,000, $0.05 → gap 10,000: not MORE than
    //                 10,000 → explained.
    // Gateway gw-1 11-02: vendor r3 10,000, $0.12; Guardrail e3 10,000, $0.11 → gap 0.
    // Platform 11-04  vendor 0 (the usage report covers the day, no row); Guardrail e4 1,000 → gap −1,000.
    // Not compared: e5 (11-05, no report covers it), e7 (11-01), e6 (in-house tool).
    expect(lines.map((l) => [l.subjectLabel, l.day, l.vendorTokens, l.guardrailTokens, l.gapTokens, l.unexplained])).toEqual([
      ["Team Platform", "2026-11-02", 80_000, 45_000, 35_000, true],
      ["Unmapped account wrk_unknown", "2026-11-03", 30_000, 0, 30_000, true],
      ["Alice (alice@example.com)", "2026-11-03", 15_000, 5_000, 10_000, false],
      ["Gateway key gw-1", "2026-11-02", 10_000, 10_000, 0, false],
      ["Team Platform", "2026-11-04", 0, 1_000, -1_000, false],
    ]);
    const platform = lines[0];
    expect(platform.vendorCostBilled).toBe(true);
    expect(platform.vendorCostUsd).toBeCloseTo(0.7, 6);
    expect(platform.guardrailCostUsd).toBeCloseTo(0.5, 6);
    expect(platform.gapCostUsd).toBeCloseTo(0.2, 6);
    expect(platform.vendorRowIds.sort()).toEqual([fx.rows.r1.id, fx.rows.r2.id, fx.rows.r5.id].sort());
    // The model split is detail of the vendor side (Guardrail's events name no model).
    expect(platform.models).toEqual([
      { model: "claude-sonnet-4", tokens: 55_000, costUsd: 0 },
      { model: "claude-haiku-4", tokens: 25_000, costUsd: 0 },
      { model: "(not stated)", tokens: 0, costUsd: 0.7 },
    ]);
    expect(lines[1].vendorCostBilled).toBe(false);
    expect(lines[1].vendorCostUsd).toBeCloseTo(0.3, 6);
    expect(lines[3].gapCostUsd).toBeCloseTo(0.01, 6);
  });

  it("narrows to one vendor", async () => {
    expect(await loadReconciliation({ ...window, vendorId: fx.inhouse.id }, DEFAULT_GAP_THRESHOLD)).toEqual([]);
    expect(await loadReconciliation({ ...window, vendorId: fx.anthropic.id }, DEFAULT_GAP_THRESHOLD)).toHaveLength(5);
  });
});

describe("gaps above the threshold open review items for legal", () => {
  it("opens one item per gap with the vendor rows as evidence and an audit entry, and is idempotent", async () => {
    const first = await openUnseenUsageReviewItems(window);
    expect(first.opened).toHaveLength(2);
    const items = await prisma.reviewItem.findMany({ where: { type: "unseen_usage" }, orderBy: { tokens: "desc" } });
    expect(items.map((i) => [i.groupKey, i.tokens, i.status, i.day?.toISOString().slice(0, 10), i.userId])).toEqual([
      [`unseen_usage:anthropic:team:${fx.platform.id}:2026-11-02`, 35_000n, "open", "2026-11-02", null],
      ["unseen_usage:anthropic:unmapped:wrk_unknown:2026-11-03", 30_000n, "open", "2026-11-03", null],
    ]);
    expect(items[0].title).toBe("Usage not seen by Guardrail: Anthropic reports 35,000 more tokens than Guardrail saw for Team Platform on 2026-11-02");
    const evidence = await listReviewItemVendorRows(items[0].id);
    expect(evidence.map((r) => [r.kind, r.model, r.inputTokens, r.costUsd, r.costBilled])).toEqual([
      ["anthropic_cost", "", 0, 0.7, true],
      ["anthropic_messages_usage", "claude-haiku-4", 20_000, 0.05, false],
      ["anthropic_messages_usage", "claude-sonnet-4", 40_000, 0.6, false],
    ]);
    expect((await listReviewItemVendorRows(items[1].id)).map((r) => r.id)).toEqual([fx.rows.r4.id]);
    const audits = await prisma.auditEntry.findMany({ where: { action: "review.opened", entityId: { in: items.map((i) => i.id) } } });
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.entityId === items[0].id)?.data).toMatchObject({ type: "unseen_usage", gapTokens: 35_000, vendorTokens: 80_000, guardrailTokens: 45_000 });

    const again = await openUnseenUsageReviewItems(window);
    expect(again).toEqual({ opened: [], updated: [], unchanged: 2 });
    expect(await prisma.reviewItem.count({ where: { type: "unseen_usage" } })).toBe(2);
  });

  it("updates the item when a later import adds rows to the same bucket", async () => {
    const row = await prisma.vendorUsageRow.create({
      data: { vendorId: fx.anthropic.id, kind: "anthropic_messages_usage", rowKey: "late-1", reportId: fx.usage.id, day: new Date("2026-11-02"), accountRef: "wrk_platform", model: "claude-opus-4", inputTokens: 10_000n, costUsd: 0.5 },
    });
    const run = await openUnseenUsageReviewItems(window);
    expect(run.opened).toEqual([]);
    expect(run.updated).toHaveLength(1);
    const item = await prisma.reviewItem.findUniqueOrThrow({ where: { groupKey: `unseen_usage:anthropic:team:${fx.platform.id}:2026-11-02` } });
    // 80,000 + 10,000 vendor tokens − 45,000 seen = 45,000
    expect(item.tokens).toBe(45_000n);
    expect(item.version).toBe(2);
    expect((await prisma.vendorUsageRow.findUniqueOrThrow({ where: { id: row.id } })).reviewItemId).toBe(item.id);
    expect(await prisma.auditEntry.count({ where: { action: "review.evidence_updated", entityId: item.id } })).toBe(1);
  });

  it("keeps legal's decision: an item confirmed stays confirmed", async () => {
    const item = await prisma.reviewItem.findUniqueOrThrow({ where: { groupKey: "unseen_usage:anthropic:unmapped:wrk_unknown:2026-11-03" } });
    await recordReviewOutcome({ itemId: item.id, version: item.version, outcome: "confirmed", note: "A workspace nobody registered.", notifyManager: false, revokeGrants: false }, { id: fx.legal.id, name: fx.legal.name, roles: fx.legal.roles });
    await openUnseenUsageReviewItems(window);
    const after = await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.status).toBe("confirmed");
    expect((await listReviewItemVendorRows(item.id)).map((r) => r.id)).toEqual([fx.rows.r4.id]);
  });

  it("opens nothing new under a higher threshold, set by an admin with an audit entry", async () => {
    await setGapThreshold({ tokens: 50_000, percent: 5 }, { type: "user", id: fx.legal.id });
    expect(await readGapThreshold()).toEqual({ tokens: 50_000, percent: 5 });
    const lines = await loadReconciliation(window, await readGapThreshold());
    expect(lines.filter((l) => l.unexplained)).toEqual([]);
    const run = await openUnseenUsageReviewItems(window);
    expect(run.opened).toEqual([]);
    expect(await prisma.auditEntry.count({ where: { action: "reconciliation.threshold_set" } })).toBe(1);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
