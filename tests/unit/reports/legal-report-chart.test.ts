import { describe, expect, it } from "vitest";
import { vendorViolationsChart } from "@/lib/reports/legal-report-chart";

const series = [
  { bucket: "2026-11-02", vendor: "Anthropic", ref: "4.2", items: 2, events: 5 },
  { bucket: "2026-11-02", vendor: "Anthropic", ref: "5.1", items: 1, events: 1 },
  { bucket: "2026-11-16", vendor: "OpenAI", ref: "2.3", items: 4, events: 9 },
  { bucket: "2026-11-23", vendor: "Anthropic", ref: "4.2", items: 3, events: 3 },
];

describe("vendorViolationsChart (legal report)", () => {
  it("has a bar per week of the range, stacked by vendor, and marks the first and last weeks the range covers in part", () => {
    // 2026-11-04 is a Wednesday, 2026-11-27 a Friday.
    const chart = vendorViolationsChart({ filters: { from: "2026-11-04", to: "2026-11-27", grain: "week" }, vendors: ["Anthropic", "OpenAI"], vendorClauseSeries: series });
    expect(chart.data).toEqual([
      { label: "2026-11-02", Anthropic: 3, OpenAI: 0 },
      { label: "2026-11-09", Anthropic: 0, OpenAI: 0 },
      { label: "2026-11-16", Anthropic: 0, OpenAI: 4 },
      { label: "2026-11-23", Anthropic: 3, OpenAI: 0 },
    ]);
    expect([...chart.partial]).toEqual(["2026-11-02", "2026-11-23"]);
  });

  it("marks nothing for whole weeks or whole months, and never days", () => {
    const vendors = ["Anthropic"];
    expect(vendorViolationsChart({ filters: { from: "2026-11-02", to: "2026-11-29", grain: "week" }, vendors, vendorClauseSeries: series }).partial.size).toBe(0);
    expect(vendorViolationsChart({ filters: { from: "2026-10-01", to: "2026-11-30", grain: "month" }, vendors, vendorClauseSeries: [] }).partial.size).toBe(0);
    expect([...vendorViolationsChart({ filters: { from: "2026-10-01", to: "2026-11-27", grain: "month" }, vendors, vendorClauseSeries: [] }).partial]).toEqual(["2026-11-01"]);
    expect(vendorViolationsChart({ filters: { from: "2026-11-04", to: "2026-11-06", grain: "day" }, vendors, vendorClauseSeries: [] }).partial.size).toBe(0);
  });
});
