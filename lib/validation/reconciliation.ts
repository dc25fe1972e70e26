import { z } from "zod";
import { addDays } from "@/lib/calendar";

const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export type ReconciliationFilters = { from: string; to: string; vendor: string | null; problems: string[] };

/** The page's URL filters: UTC days (the vendors' days), 30 days up to today by default, at most a year; bad parts are replaced and said. */
export function parseReconciliationFilters(params: Record<string, string | string[] | undefined>, todayUtc: string): ReconciliationFilters {
  const problems: string[] = [];
  const rawFrom = first(params.from);
  const rawTo = first(params.to);
  let to = isDay(rawTo) ? rawTo : todayUtc;
  if (rawTo && !isDay(rawTo)) problems.push("The end date was not a date; showing up to today.");
  let from = isDay(rawFrom) ? rawFrom : addDays(to, -29);
  if (rawFrom && !isDay(rawFrom)) problems.push("The start date was not a date; showing 30 days.");
  if (from > to) {
    [from, to] = [to, from];
    problems.push("The dates were the wrong way round; swapped.");
  }
  if (from < addDays(to, -366)) {
    from = addDays(to, -366);
    problems.push("At most a year at a time; the start was moved.");
  }
  const vendor = first(params.vendor);
  return { from, to, vendor: vendor && /^[a-z0-9-]{1,60}$/.test(vendor) ? vendor : null, problems };
}

const wholeTokens = z.coerce.number({ error: "Enter a whole number of tokens." }).int({ error: "Enter a whole number of tokens." }).min(0, { error: "Zero or more." }).max(1e12, { error: "At most 1,000,000,000,000." });

export const gapThresholdSchema = z.object({
  tokens: wholeTokens,
  percent: z.coerce.number({ error: "Enter a percentage." }).min(0, { error: "Zero or more." }).max(100, { error: "At most 100." }),
});
