// Counts usage again from the raw UsageEvent rows and compares the result with the rollups ingestion keeps
// (UsageDaily per local day, user, tool and project; UsageMonthly per local calendar month of the same; CapUsage per
// user and cap period, external tools only; CapBucketUsage per user, period and in-house / per-tool counter). Used by the
// reliability and fuzz tests and by bench/faults.ts.
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod, localDay } from "@/lib/calendar";

type Totals = { events: number; input: number; output: number; cost: number; violations: number; overCap: number };
export type Mismatch = { key: string; stored: unknown; recounted: unknown };
export type RecountReport = {
  events: number;
  duplicateExternalIds: number;
  daily: { rows: number; mismatches: Mismatch[] };
  monthly: { rows: number; mismatches: Mismatch[] };
  caps: { rows: number; mismatches: Mismatch[] };
};

const empty = (): Totals => ({ events: 0, input: 0, output: 0, cost: 0, violations: 0, overCap: 0 });
const same = (a: Totals, b: Totals) =>
  a.events === b.events && a.input === b.input && a.output === b.output && a.violations === b.violations && a.overCap === b.overCap && Math.abs(a.cost - b.cost) < 1e-6 * Math.max(1, a.events);

function compare(stored: (Totals & { key: string })[], recounted: Map<string, Totals>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const seen = new Set<string>();
  for (const { key, ...totals } of stored) {
    seen.add(key);
    const expected = recounted.get(key) ?? empty();
    if (!same(totals, expected)) mismatches.push({ key, stored: totals, recounted: expected });
  }
  for (const [key, expected] of recounted) if (!seen.has(key)) mismatches.push({ key, stored: null, recounted: expected });
  return mismatches;
}

export async function recountRollups(timeZone = env.COMPANY_TIME_ZONE): Promise<RecountReport> {
  const events = await prisma.$queryRaw<{ occurredAt: Date; userId: string; toolId: string; toolKind: string; projectId: string | null; input: number; output: number; cost: number; outcome: string }[]>`
    SELECT e."occurredAt", e."userId", e."toolId", t."kind"::text AS "toolKind", e."projectId", e."inputTokens"::float8 AS "input", e."outputTokens"::float8 AS "output",
      e."costUsd"::float8 AS "cost", e."outcome"::text AS "outcome"
    FROM "UsageEvent" e JOIN "Tool" t ON t."id" = e."toolId"`;
  const [{ n: duplicateExternalIds }] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT (count(*) - count(DISTINCT "externalId"))::int AS "n" FROM "UsageEvent"`;

  const daily = new Map<string, Totals>();
  const monthly = new Map<string, Totals>();
  const caps = new Map<string, number>();
  const add = (rollup: Map<string, Totals>, key: string, e: (typeof events)[number]) => {
    const t = rollup.get(key) ?? empty();
    t.events++;
    t.input += e.input;
    t.output += e.output;
    t.cost += e.cost;
    if (e.outcome === "violation") t.violations++;
    if (e.outcome === "over_cap") t.overCap++;
    rollup.set(key, t);
  };
  for (const e of events) {
    const day = localDay(e.occurredAt, timeZone);
    const rest = `${e.userId}|${e.toolId}|${e.projectId ?? ""}`;
    add(daily, `${day}|${rest}`, e);
    add(monthly, `${day.slice(0, 7)}-01|${rest}`, e);
    const capKey = `${e.userId}|${capPeriod(e.occurredAt, timeZone)}`;
    // The monthly cap counts external tools only; in-house tools and every tool have their own counters.
    const counters = [`${capKey}|tool:${e.toolId}`, e.toolKind === "external" ? capKey : `${capKey}|in_house`];
    for (const k of counters) caps.set(k, (caps.get(k) ?? 0) + e.input + e.output);
  }

  // A key's rows in both daily tables summed (lib/usage/daily-rollup.ts), and UsageMonthly with the days not folded yet.
  const storedDaily = await prisma.$queryRaw<(Totals & { key: string })[]>`
    SELECT to_char("day", 'YYYY-MM-DD') || '|' || "userId" || '|' || "toolId" || '|' || "projectId" AS "key", sum("events")::float8 AS "events",
      sum("inputTokens")::float8 AS "input", sum("outputTokens")::float8 AS "output", sum("costUsd")::float8 AS "cost", sum("violations")::float8 AS "violations", sum("overCapEvents")::float8 AS "overCap"
    FROM (SELECT * FROM "UsageDaily" UNION ALL SELECT * FROM "UsageDailyRecent") d GROUP BY "day", "userId", "toolId", "projectId"`;
  const storedMonthly = await prisma.$queryRaw<(Totals & { key: string })[]>`
    SELECT to_char("month", 'YYYY-MM-DD') || '|' || "userId" || '|' || "toolId" || '|' || "projectId" AS "key", sum("events")::float8 AS "events",
      sum("inputTokens")::float8 AS "input", sum("outputTokens")::float8 AS "output", sum("costUsd")::float8 AS "cost", sum("violations")::float8 AS "violations", sum("overCapEvents")::float8 AS "overCap"
    FROM (
      SELECT "month", "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents" FROM "UsageMonthly"
      UNION ALL
      SELECT date_trunc('month', "day")::date, "userId", "toolId", "projectId", "events", "inputTokens", "outputTokens", "costUsd", "violations", "overCapEvents" FROM "UsageDailyRecent"
    ) m GROUP BY "month", "userId", "toolId", "projectId"`;

  const storedCaps = await prisma.$queryRaw<{ key: string; used: number }[]>`
    SELECT "userId" || '|' || "period" AS "key", "usedTokens"::float8 AS "used" FROM "CapUsage"
    UNION ALL SELECT "userId" || '|' || "period" || '|' || "bucket", "usedTokens"::float8 FROM "CapBucketUsage"`;
  const capMismatches: Mismatch[] = [];
  const storedCapKeys = new Set<string>();
  for (const { key, used } of storedCaps) {
    storedCapKeys.add(key);
    if (used !== (caps.get(key) ?? 0)) capMismatches.push({ key, stored: used, recounted: caps.get(key) ?? 0 });
  }
  for (const [key, used] of caps) if (!storedCapKeys.has(key)) capMismatches.push({ key, stored: null, recounted: used });

  return {
    events: events.length,
    duplicateExternalIds,
    daily: { rows: storedDaily.length, mismatches: compare(storedDaily, daily) },
    monthly: { rows: storedMonthly.length, mismatches: compare(storedMonthly, monthly) },
    caps: { rows: storedCaps.length, mismatches: capMismatches },
  };
}
