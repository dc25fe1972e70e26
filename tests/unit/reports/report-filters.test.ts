import { describe, expect, it } from "vitest";
import { parseReportFilters, reportQueryString } from "@/lib/validation/report";

const today = "2026-11-20";

describe("parseReportFilters", () => {
  it("defaults to the last 90 days by week", () => {
    expect(parseReportFilters({}, today)).toEqual({ preset: "90", from: "2026-08-23", to: today, team: null, grain: "week", problems: [] });
  });

  it("reads presets, team and grain", () => {
    expect(parseReportFilters({ range: "30", team: "platform", grain: "month" }, today)).toMatchObject({ from: "2026-10-22", to: today, team: "platform", grain: "month" });
    expect(parseReportFilters(new URLSearchParams("range=365"), today)).toMatchObject({ from: "2025-11-21", grain: "month" });
  });

  it("keeps a valid custom range", () => {
    expect(parseReportFilters({ range: "custom", from: "2026-01-01", to: "2026-01-31" }, today)).toMatchObject({ preset: "custom", from: "2026-01-01", to: "2026-01-31", grain: "day", problems: [] });
  });

  it("falls back and says why for a reversed range and bad values", () => {
    const f = parseReportFilters({ range: "custom", from: "2026-02-01", to: "2026-01-01", grain: "hour", team: "x'; drop" }, today);
    expect(f).toMatchObject({ preset: "90", from: "2026-08-23", team: null });
    expect(f.problems).toHaveLength(3);
  });

  it("round-trips through the query string", () => {
    const f = parseReportFilters({ range: "custom", from: "2026-01-01", to: "2026-03-31", team: "ml", grain: "week" }, today);
    expect(parseReportFilters(new URLSearchParams(reportQueryString(f)), today)).toEqual(f);
  });
});
