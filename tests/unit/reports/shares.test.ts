import { describe, expect, it } from "vitest";
import { inHouseShare, median, medianHoursToDecision, shareOf, utilizationHistogram } from "@/lib/reports/shares";

describe("shares", () => {
  it("divides, and says null when there is nothing to divide", () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 0)).toBeNull();
  });

  it("splits each bucket into internal and external tokens", () => {
    const rows = [
      { bucket: "2026-11-01", values: { metacode: 300, codex: 600, "claude-code": 100 } },
      { bucket: "2026-12-01", values: { metacode: 0, codex: 0, "claude-code": 0 } },
    ];
    expect(inHouseShare(rows, new Set(["metacode"]))).toEqual([
      { bucket: "2026-11-01", internal: 300, external: 700, internalShare: 0.3 },
      { bucket: "2026-12-01", internal: 0, external: 0, internalShare: null },
    ]);
  });
});

describe("utilizationHistogram", () => {
  it("puts each person in one band, lower bound included", () => {
    const bands = utilizationHistogram([0, 0.19, 0.2, 0.5, 0.8, 0.99, 1, 1.7]);
    expect(bands.map((b) => b.people)).toEqual([2, 1, 1, 0, 2, 2]);
    expect(bands.map((b) => b.label)).toEqual(["0–20%", "20–40%", "40–60%", "60–80%", "80–100%", "≥100%"]);
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])("median(%j) = %j", (values, expected) => expect(median(values)).toBe(expected));

  it("measures time to decision over decided requests only", () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3_600_000);
    const requests = [
      { createdAt: at(0), decidedAt: at(2) }, // 2 h
      { createdAt: at(10), decidedAt: at(40) }, // 30 h
      { createdAt: at(5), decidedAt: at(11) }, // 6 h
      { createdAt: at(0), decidedAt: null }, // still pending
    ];
    expect(medianHoursToDecision(requests)).toBe(6);
    expect(medianHoursToDecision([{ createdAt: at(0), decidedAt: null }])).toBeNull();
  });
});
