// Forecasts to the end of a period from what was used so far. Pure: the queries pass in the numbers.
import { addDays } from "@/lib/calendar";

export type PeriodProgress = { daysElapsed: number; daysInPeriod: number };

/** Run rate: the average per elapsed day, carried to the end of the period. */
export function runRateForecast(usedSoFar: number, { daysElapsed, daysInPeriod }: PeriodProgress): number {
  if (daysElapsed <= 0) return usedSoFar;
  return (usedSoFar / daysElapsed) * daysInPeriod;
}

/**
 * Linear trend: a least-squares line through the daily values so far (index 0 = first day of the
 * period), extended over the remaining days (never below zero), added to what was already used.
 * With fewer than two days there is no trend to fit, so it falls back to the run rate.
 */
export function linearForecast(daily: number[], daysInPeriod: number): number {
  const n = daily.length;
  const used = daily.reduce((a, b) => a + b, 0);
  if (n < 2) return runRateForecast(used, { daysElapsed: n, daysInPeriod });
  const meanX = (n - 1) / 2;
  const meanY = used / n;
  let sxy = 0;
  let sxx = 0;
  daily.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let rest = 0;
  for (let x = n; x < daysInPeriod; x++) rest += Math.max(0, intercept + slope * x);
  return used + rest;
}

export type CapBreach = { projected: number; utilization: number; projectedUtilization: number; breachDay: string | null; alreadyOver: boolean };

/**
 * Whether a person is on course to pass their cap this period, at their run rate. `breachDay` is the
 * first day whose end the cumulative run-rate usage exceeds the cap (today if already over; null if
 * the projection stays within the cap).
 */
export function projectCapBreach(input: { used: number; cap: number; periodStart: string; today: string } & PeriodProgress): CapBreach {
  const { used, cap, daysElapsed, daysInPeriod, periodStart, today } = input;
  const projected = runRateForecast(used, { daysElapsed, daysInPeriod });
  const utilization = cap > 0 ? used / cap : 0;
  const projectedUtilization = cap > 0 ? projected / cap : 0;
  if (used > cap) return { projected, utilization, projectedUtilization, breachDay: today, alreadyOver: true };
  if (projected <= cap || daysElapsed <= 0 || used <= 0) return { projected, utilization, projectedUtilization, breachDay: null, alreadyOver: false };
  const perDay = used / daysElapsed;
  // first whole day count d with perDay * d > cap
  const day = Math.floor(cap / perDay) + 1;
  return { projected, utilization, projectedUtilization, breachDay: addDays(periodStart, day - 1), alreadyOver: false };
}
