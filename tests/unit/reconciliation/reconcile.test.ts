import { describe, expect, it } from "vitest";
import { isUnexplainedGap, reconcile, type VendorRowInput } from "@/lib/reconciliation/reconcile";
import { parseReconciliationFilters } from "@/lib/validation/reconciliation";
import { monthlyMix } from "@/lib/reports/external-vs-in-house";

const row = (over: Partial<VendorRowInput>): VendorRowInput => ({
  id: "r", vendorId: "v", kind: "anthropic_messages_usage", day: "2026-11-02", accountRef: "", actorEmail: null, userId: null, model: "m",
  inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: null, costBilled: false, ...over,
});

describe("isUnexplainedGap", () => {
  const t = { tokens: 1000, percent: 10 };
  it.each([
    [20_000, 1001, false, "above the tokens but not 10% of 20,000"],
    [5000, 1001, true, "above both"],
    [5000, 1000, false, "equal to the tokens figure is not above it"],
    [0, -50, false, "Guardrail saw more"],
  ])("vendor %i, gap %i → %s (%s)", (vendor, gap, expected) => {
    expect(isUnexplainedGap(vendor, gap, t)).toBe(expected);
  });
});

describe("reconcile", () => {
  it("never adds a cost report's tokens, and prefers the bill over the estimate of the same bucket", () => {
    const lines = reconcile({
      vendorRows: [row({ id: "u", inputTokens: 500, costUsd: 1 }), row({ id: "c", kind: "anthropic_cost", inputTokens: 999, costUsd: 3, costBilled: true, model: "" })],
      guardrailRows: [],
      mappings: [],
      teams: [],
      threshold: { tokens: 0, percent: 0 },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ subjectKey: "unmapped:", vendorTokens: 500, vendorCostUsd: 3, vendorCostBilled: true, gapTokens: 500, unexplained: true });
  });

  it("gives each Guardrail row one subject: mapped gateway key, then person (when the vendor reports people that day), then nearest mapped team", () => {
    const lines = reconcile({
      vendorRows: [row({ id: "p", userId: "alice", inputTokens: 10, day: "2026-11-03" })],
      guardrailRows: [
        { vendorId: "v", day: "2026-11-02", userId: "alice", teamId: "child", apiKeyId: "gw", tokens: 1, costUsd: 0 },
        { vendorId: "v", day: "2026-11-02", userId: "alice", teamId: "child", apiKeyId: null, tokens: 2, costUsd: 0 },
        { vendorId: "v", day: "2026-11-03", userId: "alice", teamId: "child", apiKeyId: null, tokens: 4, costUsd: 0 },
        { vendorId: "v", day: "2026-11-03", userId: "bob", teamId: "elsewhere", apiKeyId: null, tokens: 8, costUsd: 0 },
        { vendorId: "v", day: "2026-11-02", userId: "bob", teamId: "elsewhere", apiKeyId: null, tokens: 16, costUsd: 0 },
      ],
      mappings: [
        { vendorId: "v", accountRef: "api_key:gw", teamId: null, apiKeyId: "gw" },
        { vendorId: "v", accountRef: "workspace:w", teamId: "parent", apiKeyId: null },
      ],
      teams: [{ id: "child", parentId: "parent" }, { id: "parent", parentId: null }, { id: "elsewhere", parentId: null }],
      threshold: { tokens: 0, percent: 0 },
    });
    const by = Object.fromEntries(lines.map((l) => [`${l.day} ${l.subjectKey}`, l.guardrailTokens]));
    expect(by).toEqual({ "2026-11-02 gateway:gw": 1, "2026-11-02 team:parent": 2, "2026-11-03 person:alice": 4, "2026-11-03 person:bob": 8, "2026-11-02 unattributed": 16 });
    expect(lines.reduce((a, l) => a + l.guardrailTokens, 0)).toBe(31);
  });
});

describe("parseReconciliationFilters", () => {
  it("defaults to 30 days up to today and repairs bad input with a message", () => {
    expect(parseReconciliationFilters({}, "2026-11-27")).toEqual({ from: "2026-10-29", to: "2026-11-27", vendor: null, problems: [] });
    const bad = parseReconciliationFilters({ from: "2026-11-20", to: "2026-11-01", vendor: "Robert'); DROP" }, "2026-11-27");
    expect(bad).toMatchObject({ from: "2026-11-01", to: "2026-11-20", vendor: null });
    expect(bad.problems).toHaveLength(1);
  });
});

describe("monthlyMix", () => {
  it("zero-fills months and leaves the change empty when the month before had no spend", () => {
    const rows = monthlyMix(["2026-09", "2026-10", "2026-11"], [
      { month: "2026-10", kind: "external", tokens: 100, costUsd: 10, billedUsd: 4 },
      { month: "2026-11", kind: "external", tokens: 100, costUsd: 5, billedUsd: 0 },
      { month: "2026-11", kind: "internal", tokens: 300, costUsd: 5, billedUsd: 0 },
    ]);
    expect(rows.map((r) => [r.month, r.externalUsd, r.inHouseSpendShare, r.inHouseTokenShare, r.externalChange, r.shareChangePoints])).toEqual([
      ["2026-09", 0, null, null, null, null],
      ["2026-10", 10, 0, 0, null, null],
      ["2026-11", 5, 0.5, 0.75, -0.5, 50],
    ]);
  });
});
