import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { loadDailyToolUsage } from "@/lib/reports/usage-queries";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture } from "../usage/gateway-fixture";
import { recountRollups } from "../reliability/recount";

useTestDb();

type Recount = { day: string; userId: string; toolId: string; projectId: string; events: number; input: number; output: number; cost: number; violations: number; overCap: number };

// Both daily tables, a key's rows summed (lib/usage/daily-rollup.ts).
const rollups = () =>
  prisma.$queryRaw<Recount[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", "userId", "toolId", "projectId", sum("events")::float8 AS "events", sum("inputTokens")::float8 AS "input",
           sum("outputTokens")::float8 AS "output", sum("costUsd")::float8 AS "cost", sum("violations")::float8 AS "violations", sum("overCapEvents")::float8 AS "overCap"
    FROM (SELECT * FROM "UsageDaily" UNION ALL SELECT * FROM "UsageDailyRecent") d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

// The same figures counted again from the raw events (UTC is the test's company time zone).
const recount = () =>
  prisma.$queryRaw<Recount[]>`
    SELECT to_char("occurredAt", 'YYYY-MM-DD') AS "day", "userId", "toolId", COALESCE("projectId", '') AS "projectId", COUNT(*)::float8 AS "events",
           SUM("inputTokens")::float8 AS "input", SUM("outputTokens")::float8 AS "output", SUM("costUsd")::float8 AS "cost",
           COUNT(*) FILTER (WHERE "outcome" = 'violation')::float8 AS "violations", COUNT(*) FILTER (WHERE "outcome" = 'over_cap')::float8 AS "overCap"
    FROM "UsageEvent" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

describe("rollups after ingestion with duplicates and retries", () => {
  it("equal a recount from the raw events, and the report reads the same totals", async () => {
    const fx = await createGatewayFixture();
    const users = [fx.engineer.email, fx.manager.email];
    const combos = [
      { tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" },
      { tool: "metacode", activity: "training-data-generation", project: "llm-pretraining-data" },
      { tool: "claude-code", activity: "training-data-generation", project: "llm-pretraining-data" }, // a violation
      { tool: "claude-code", activity: "test-infrastructure" },
    ];
    const events = Array.from({ length: 240 }, (_, i) => ({
      id: `recount-${i}`,
      occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 9), (i * 7) % 24, i % 60)).toISOString(),
      user: users[i % 2],
      ...combos[i % combos.length],
      inputTokens: 1000 + i * 13,
      outputTokens: 200 + i,
      ...(i % 3 === 0 ? { costUsd: 0.01 * (i % 7) } : {}),
    }));

    let accepted = 0;
    let duplicates = 0;
    for (let b = 0; b < events.length; b += 60) {
      const batch = events.slice(b, b + 60);
      const first = await ingestUsageEvents(batch);
      accepted += first.accepted;
      // a gateway retrying the same batch after a timeout: nothing counts twice
      const retry = await ingestUsageEvents(batch);
      expect(retry).toMatchObject({ accepted: 0, duplicates: batch.length });
      duplicates += retry.duplicates;
    }
    // a batch that repeats ids inside itself and overlaps stored ones, sent twice at the same time
    const overlap = [...events.slice(0, 5), ...events.slice(0, 5)];
    const racing = await Promise.allSettled([ingestUsageEvents(overlap), ingestUsageEvents(overlap)]);
    for (const r of racing) if (r.status === "fulfilled") expect(r.value.accepted).toBe(0);

    expect(accepted).toBe(240);
    expect(duplicates).toBe(240);
    expect(await prisma.usageEvent.count()).toBe(240);
    const stored = await rollups();
    expect(stored).toEqual(await recount());
    expect(stored.reduce((a, r) => a + r.violations, 0)).toBeGreaterThan(0);

    // The monthly cap counts external tools only.
    const usedByCap = await prisma.capUsage.findMany({ where: { period: "2026-11" } });
    const usedByEvents = await prisma.$queryRaw<{ userId: string; used: number }[]>`
      SELECT e."userId", SUM(e."inputTokens" + e."outputTokens")::float8 AS "used" FROM "UsageEvent" e JOIN "Tool" t ON t."id" = e."toolId"
      WHERE t."kind" = 'external' GROUP BY 1`;
    expect(Object.fromEntries(usedByCap.filter((c) => c.usedTokens > 0n).map((c) => [c.userId, Number(c.usedTokens)]))).toEqual(Object.fromEntries(usedByEvents.map((u) => [u.userId, u.used])));

    const report = await loadDailyToolUsage({ from: "2026-11-01", to: "2026-11-30", scope: { kind: "all" } });
    const expectedTokens = events.reduce((a, e) => a + e.inputTokens + e.outputTokens, 0);
    expect(report.reduce((a, r) => a + r.tokens, 0)).toBe(expectedTokens);
    expect(report.reduce((a, r) => a + r.events, 0)).toBe(240);

    // The monthly rollups hold the same numbers, and a report by month reads November whole from them.
    const { monthly } = await recountRollups();
    expect(monthly.rows).toBeGreaterThan(0);
    expect(monthly.mismatches).toEqual([]);
    const byMonth = await loadDailyToolUsage({ from: "2026-11-01", to: "2026-11-30", scope: { kind: "all" } }, "month");
    expect(new Set(byMonth.map((r) => r.day))).toEqual(new Set(["2026-11-01"]));
    expect(byMonth.reduce((a, r) => a + r.tokens, 0)).toBe(expectedTokens);
  });
});
