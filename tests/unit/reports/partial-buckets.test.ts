import { describe, expect, it } from "vitest";
import { partialBuckets } from "@/lib/reports/partial-buckets";
import { listBuckets } from "@/lib/calendar";

describe("partialBuckets", () => {
  it("marks the first and last week when the range starts mid-week and ends mid-week", () => {
    // 2026-11-04 is a Wednesday, 2026-11-27 a Friday.
    const weeks = listBuckets("2026-11-04", "2026-11-27", "week");
    expect(weeks).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    expect([...partialBuckets(weeks, "2026-11-04", "2026-11-27", "week")]).toEqual(["2026-11-02", "2026-11-23"]);
  });

  it("marks nothing when the range is whole weeks, and never marks days", () => {
    const weeks = listBuckets("2026-11-02", "2026-11-15", "week");
    expect(partialBuckets(weeks, "2026-11-02", "2026-11-15", "week").size).toBe(0);
    expect(partialBuckets(["2026-11-04"], "2026-11-04", "2026-11-04", "day").size).toBe(0);
  });

  it("marks months the range covers in part", () => {
    const months = listBuckets("2026-01-15", "2026-03-31", "month");
    expect([...partialBuckets(months, "2026-01-15", "2026-03-31", "month")]).toEqual(["2026-01-01"]);
  });
});
