import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { foldClosedDays } from "@/lib/usage/daily-rollup";
import { MAX_EVENT_COST_USD } from "@/lib/validation/usage-event";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "./gateway-fixture";

// Finding 1 of issue 15: a line the columns cannot hold used to fail the whole batch's statement (500) and lose
// the valid events beside it. Each such line is now a rejected line with its field error.
useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

describe("event bounds match the columns", () => {
  it("rejects a cost the column cannot hold and dates out of range, and stores the rest of the batch", async () => {
    const good = usageEvent();
    const batch = [
      usageEvent({ costUsd: 100_000_000 }),
      good,
      usageEvent({ occurredAt: "0000-06-01T00:00:00Z" }),
      usageEvent({ occurredAt: "1999-12-31T23:59:59Z" }),
      usageEvent({ occurredAt: new Date(Date.now() + 3 * 86400_000).toISOString() }),
      usageEvent({ costUsd: 0.0000001 }),
    ];
    const result = await ingestUsageEvents(batch);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.errors.map((e) => e.path)])).toEqual([
      [0, ["costUsd"]],
      [2, ["occurredAt"]],
      [3, ["occurredAt"]],
      [4, ["occurredAt"]],
    ]);
    expect(result.rejected[0].errors[0].message).toBe("must be at most 99999999.999999");
    expect(result.rejected[1].errors[0].message).toBe("must not be before 2000-01-01");
    const stored = await prisma.usageEvent.findMany({ where: { externalId: { in: batch.map((e) => e.id) } } });
    expect(stored.map((e) => e.externalId).sort()).toEqual([good.id, batch[5].id].sort());
  });

  it("rejects a line whose cost computed from the tool's prices would not fit the column", async () => {
    await prisma.tool.update({ where: { id: fx.claude.id }, data: { inputUsdPerMTok: "99999999.9999", outputUsdPerMTok: "99999999.9999" } });
    try {
      const good = usageEvent({ costUsd: 1 });
      const result = await ingestUsageEvents([usageEvent({ inputTokens: 2_000_000_000 }), good]);
      expect(result.accepted).toBe(1);
      expect(result.rejected).toEqual([
        { index: 0, id: expect.any(String), errors: [{ path: "costUsd", message: expect.stringContaining("send costUsd") }] },
      ]);
    } finally {
      await prisma.tool.update({ where: { id: fx.claude.id }, data: { inputUsdPerMTok: "3", outputUsdPerMTok: "15" } });
    }
  });

  it("cannot overflow a daily or monthly rollup: many events at the largest cost and token counts are all counted", async () => {
    const heavy = await createPerson("heavy-cost@example.com", "E-HEAVY-COST", ["engineer"], fx.team.id, null);
    const at = new Date().toISOString();
    const events = Array.from({ length: 150 }, () =>
      usageEvent({ user: heavy.email, occurredAt: at, costUsd: MAX_EVENT_COST_USD, inputTokens: 2_147_483_647, outputTokens: 2_147_483_647 }),
    );
    const result = await ingestUsageEvents(events);
    expect(result).toMatchObject({ accepted: 150, rejected: [] });
    // Ingestion's rollup, then the reports' daily and monthly ones once the day is folded into them.
    const recent = await prisma.usageDailyRecent.findFirst({ where: { userId: heavy.id } });
    expect(recent?.costUsd.toString()).toBe("14999999999.99985");
    await foldClosedDays(new Date(Date.now() + 2 * 86_400_000));
    const daily = await prisma.usageDaily.findFirst({ where: { userId: heavy.id } });
    const monthly = await prisma.usageMonthly.findFirst({ where: { userId: heavy.id } });
    // 150 × 99,999,999.999999 is past NUMERIC(16,6)'s 9,999,999,999.999999.
    expect(daily?.costUsd.toString()).toBe("14999999999.99985");
    expect(monthly?.costUsd.toString()).toBe("14999999999.99985");
    expect(daily?.inputTokens).toBe(150n * 2_147_483_647n);
  });
});
