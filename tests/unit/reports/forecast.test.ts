import { describe, expect, it } from "vitest";
import { linearForecast, projectCapBreach, runRateForecast } from "@/lib/reports/forecast";

describe("runRateForecast", () => {
  it("carries the daily average to the end of the period", () => {
    expect(runRateForecast(1000, { daysElapsed: 10, daysInPeriod: 30 })).toBe(3000);
    expect(runRateForecast(0, { daysElapsed: 10, daysInPeriod: 30 })).toBe(0);
    expect(runRateForecast(50, { daysElapsed: 0, daysInPeriod: 30 })).toBe(50);
  });
});

describe("linearForecast", () => {
  it("extends a rising trend: 1, 2, 3, 4 per day over a 6-day period adds 5 + 6", () => {
    expect(linearForecast([1, 2, 3, 4], 6)).toBeCloseTo(21, 10);
  });

  it("equals the run rate for flat usage", () => {
    expect(linearForecast([10, 10, 10], 30)).toBeCloseTo(300, 10);
  });

  it("never forecasts negative days: 4, 2, 0 stays at 6", () => {
    expect(linearForecast([4, 2, 0], 5)).toBe(6);
  });

  it("falls back to the run rate with a single day", () => {
    expect(linearForecast([7], 30)).toBe(210);
  });
});

describe("projectCapBreach", () => {
  const base = { periodStart: "2026-11-01", today: "2026-11-10", daysElapsed: 10, daysInPeriod: 30 };

  it("names the day the run rate crosses the cap", () => {
    // 4,000 a day against 100,000: 25 days make exactly 100,000, so day 26 passes it
    expect(projectCapBreach({ ...base, used: 40_000, cap: 100_000 })).toEqual({
      projected: 120_000,
      utilization: 0.4,
      projectedUtilization: 1.2,
      breachDay: "2026-11-26",
      alreadyOver: false,
    });
  });

  it("has no breach when the projection stays within the cap", () => {
    expect(projectCapBreach({ ...base, used: 30_000, cap: 100_000 })).toMatchObject({ projected: 90_000, breachDay: null, alreadyOver: false });
  });

  it("reports today when the cap is already passed", () => {
    expect(projectCapBreach({ ...base, used: 120_000, cap: 100_000 })).toMatchObject({ breachDay: "2026-11-10", alreadyOver: true, utilization: 1.2 });
  });
});
