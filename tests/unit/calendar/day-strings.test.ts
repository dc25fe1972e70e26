import { describe, expect, it } from "vitest";
import { defaultGrain, pivotByBucket } from "@/lib/reports/time-buckets";
import { addDays, bucketStart, daysInclusive, listBuckets, splitByWholeMonths } from "@/lib/calendar";

describe("day arithmetic", () => {
  it.each([
    ["2026-02-27", 2, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2026-03-28", 3, "2026-03-31"],
  ])("%s + %i days = %s", (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it("counts days inclusively", () => {
    expect(daysInclusive("2026-11-20", "2026-11-20")).toBe(1);
    expect(daysInclusive("2026-01-01", "2026-12-31")).toBe(365);
    expect(daysInclusive("2026-03-01", "2026-03-31")).toBe(31);
  });
});

describe("bucketStart", () => {
  it.each([
    ["2026-11-20", "day", "2026-11-20"],
    ["2026-11-20", "week", "2026-11-16"], // a Friday → its Monday
    ["2026-11-16", "week", "2026-11-16"], // a Monday stays
    ["2026-11-22", "week", "2026-11-16"], // a Sunday belongs to the week before
    ["2026-01-01", "week", "2025-12-29"], // crosses the year
    ["2026-11-20", "month", "2026-11-01"],
  ] as const)("%s by %s → %s", (day, grain, expected) => expect(bucketStart(day, grain)).toBe(expected));
});

describe("listBuckets", () => {
  it("lists every overlapping bucket", () => {
    expect(listBuckets("2026-11-29", "2026-12-02", "day")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(listBuckets("2026-11-20", "2026-12-02", "week")).toEqual(["2026-11-16", "2026-11-23", "2026-11-30"]);
    expect(listBuckets("2026-11-20", "2027-01-05", "month")).toEqual(["2026-11-01", "2026-12-01", "2027-01-01"]);
  });

  it("picks a readable grain for the range", () => {
    expect(defaultGrain("2026-10-01", "2026-10-30")).toBe("day");
    expect(defaultGrain("2026-08-01", "2026-10-29")).toBe("week");
    expect(defaultGrain("2025-11-01", "2026-10-31")).toBe("month");
  });
});

describe("pivotByBucket", () => {
  const points = [
    { day: "2026-11-16", series: "codex", value: 10 },
    { day: "2026-11-17", series: "codex", value: 5 },
    { day: "2026-11-17", series: "metacode", value: 7 },
    { day: "2026-11-24", series: "metacode", value: 3 },
    { day: "2026-12-30", series: "codex", value: 100 }, // outside the range: ignored
  ];

  it("sums days into weeks and zero-fills empty weeks and series", () => {
    expect(pivotByBucket(points, "2026-11-16", "2026-12-06", "week", ["codex", "metacode"])).toEqual([
      { bucket: "2026-11-16", values: { codex: 15, metacode: 7 }, total: 22 },
      { bucket: "2026-11-23", values: { codex: 0, metacode: 3 }, total: 3 },
      { bucket: "2026-11-30", values: { codex: 0, metacode: 0 }, total: 0 },
    ]);
  });

  it("keeps days apart at day grain", () => {
    const rows = pivotByBucket(points, "2026-11-16", "2026-11-17", "day", ["codex", "metacode"]);
    expect(rows.map((r) => r.total)).toEqual([10, 12]);
  });
});

describe("splitByWholeMonths", () => {
  it("reads whole months from the monthly rollups and the edge days from the daily ones", () => {
    expect(splitByWholeMonths("2026-08-29", "2026-11-26")).toEqual({
      months: { from: "2026-09-01", to: "2026-10-01" },
      days: [
        { from: "2026-08-29", to: "2026-08-31" },
        { from: "2026-11-01", to: "2026-11-26" },
      ],
    });
  });

  it("uses months alone when the window starts on a 1st and ends on a month's last day", () => {
    expect(splitByWholeMonths("2026-01-01", "2026-12-31")).toEqual({ months: { from: "2026-01-01", to: "2026-12-01" }, days: [] });
    expect(splitByWholeMonths("2028-02-01", "2028-02-29")).toEqual({ months: { from: "2028-02-01", to: "2028-02-01" }, days: [] });
  });

  it("keeps days when no month is covered whole", () => {
    expect(splitByWholeMonths("2026-11-02", "2026-11-30")).toEqual({ months: null, days: [{ from: "2026-11-02", to: "2026-11-30" }] });
    expect(splitByWholeMonths("2026-10-15", "2026-11-14")).toEqual({ months: null, days: [{ from: "2026-10-15", to: "2026-11-14" }] });
    expect(splitByWholeMonths("2027-02-01", "2027-02-27")).toEqual({ months: null, days: [{ from: "2027-02-01", to: "2027-02-27" }] });
  });

  it("handles a year boundary and an empty window", () => {
    expect(splitByWholeMonths("2025-12-01", "2026-01-10")).toEqual({ months: { from: "2025-12-01", to: "2025-12-01" }, days: [{ from: "2026-01-01", to: "2026-01-10" }] });
    expect(splitByWholeMonths("2026-11-26", "2026-11-25")).toEqual({ months: null, days: [] });
  });
});
