// External spend against the in-house assistant's, month over month: pure arithmetic over monthly sums.
import { shareOf } from "./shares";

export type MonthKindSum = { month: string; kind: "external" | "internal"; tokens: number; costUsd: number; billedUsd: number };

export type MonthlyMixRow = {
  month: string;
  externalUsd: number;
  /** the part of externalUsd that is vendor-billed; the rest is the price-list estimate */
  externalBilledUsd: number;
  inHouseUsd: number;
  externalTokens: number;
  inHouseTokens: number;
  /** in-house spend ÷ all spend (null when nothing was spent) */
  inHouseSpendShare: number | null;
  /** in-house tokens ÷ all tokens */
  inHouseTokenShare: number | null;
  /** external spend against the month before, as a fraction (+0.1 = 10% more); null for the first month or from zero */
  externalChange: number | null;
  /** in-house spend share against the month before, in percentage points */
  shareChangePoints: number | null;
};

/** One row per month of `months` (in order, zero-filled), with the changes against the row before. */
export function monthlyMix(months: string[], sums: MonthKindSum[]): MonthlyMixRow[] {
  const rows = months.map((month) => {
    const of = (kind: "external" | "internal") => sums.filter((s) => s.month === month && s.kind === kind);
    const total = (list: MonthKindSum[], k: "tokens" | "costUsd" | "billedUsd") => list.reduce((a, s) => a + s[k], 0);
    const ext = of("external");
    const int = of("internal");
    const externalUsd = total(ext, "costUsd");
    const inHouseUsd = total(int, "costUsd");
    const externalTokens = total(ext, "tokens");
    const inHouseTokens = total(int, "tokens");
    return {
      month,
      externalUsd,
      externalBilledUsd: total(ext, "billedUsd"),
      inHouseUsd,
      externalTokens,
      inHouseTokens,
      inHouseSpendShare: shareOf(inHouseUsd, externalUsd + inHouseUsd),
      inHouseTokenShare: shareOf(inHouseTokens, externalTokens + inHouseTokens),
      externalChange: null as number | null,
      shareChangePoints: null as number | null,
    };
  });
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1];
    const cur = rows[i];
    cur.externalChange = prev.externalUsd > 0 ? (cur.externalUsd - prev.externalUsd) / prev.externalUsd : null;
    cur.shareChangePoints = prev.inHouseSpendShare !== null && cur.inHouseSpendShare !== null ? (cur.inHouseSpendShare - prev.inHouseSpendShare) * 100 : null;
  }
  return rows;
}
