import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { CAP_COUNTERS_CHANNEL, capCounterCacheStats, startCapCounterCache } from "@/lib/caps/cap-counter-cache";
import { readCapUsageForDecision } from "@/lib/caps/cap-usage";
import { listenOn } from "@/lib/db/listen";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { decide } from "@/lib/policy/decide";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

// The cap counters a worker keeps in memory for decisions, against the real trigger and LISTEN: on the embedded
// database PGlite's listener, on PostgreSQL (TEST_DATABASE_URL) a connection of its own.
useTestDb();
let fx: GatewayFixture;
let stop: () => Promise<void>;
beforeAll(async () => {
  fx = await createGatewayFixture();
  stop = startCapCounterCache({ listen: (onNotify, onDown) => listenOn(dbHandle(), CAP_COUNTERS_CHANNEL, onNotify, onDown) }, { retryMs: 50 });
  while (!capCounterCacheStats().listening) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  await stop();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);
const used = async (userId: string) => (await readCapUsageForDecision(userId, period())).external.used;

describe("cap counters kept in memory for decisions", () => {
  it("answers the next read from memory, and sees a change any writer commits once the database announces it", async () => {
    const p = await createPerson("cached@example.com", "E-CA1", ["engineer"], fx.team.id, fx.manager.id);
    expect(await used(p.id)).toBe(0);
    const hits = capCounterCacheStats().hits;
    expect(await used(p.id)).toBe(0);
    expect(capCounterCacheStats().hits).toBe(hits + 1);

    // A write that is not this process's ingestion or reservation (an operator's SQL, another worker).
    await prisma.$executeRawUnsafe(`INSERT INTO "CapUsage" ("userId", "period", "usedTokens") VALUES ($1, $2, 777)`, p.id, period());
    await expect.poll(() => used(p.id)).toBe(777);
    await prisma.$executeRawUnsafe(`UPDATE "CapBucketUsage" SET "usedTokens" = 1 WHERE false`);
    await prisma.$executeRawUnsafe(`INSERT INTO "CapBucketUsage" ("userId", "period", "bucket", "usedTokens") VALUES ($1, $2, 'in_house', 5)`, p.id, period());
    await expect.poll(async () => (await readCapUsageForDecision(p.id, period())).inHouse.used).toBe(5);
    await prisma.$executeRawUnsafe(`DELETE FROM "CapUsage" WHERE "userId" = $1`, p.id);
    await expect.poll(() => used(p.id)).toBe(0);
  });

  it("forgets everyone when a counter table is emptied", async () => {
    const p = await createPerson("truncated@example.com", "E-CA4", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 10, outputTokens: 0 })]);
    expect(await used(p.id)).toBe(10);
    // a policy refresh still under way after the new person forgets every counter once (the caps may have changed)
    await expect
      .poll(async () => {
        await used(p.id);
        return capCounterCacheStats().entries;
      })
      .toBeGreaterThan(0);
    await prisma.$executeRawUnsafe(`TRUNCATE "CapUsage"`);
    await expect.poll(() => capCounterCacheStats().entries).toBe(0);
    expect(await used(p.id)).toBe(0);
  });

  it("reads the database while its listening connection is lost, and listens again", async () => {
    const p = await createPerson("lost@example.com", "E-CA5", ["engineer"], fx.team.id, fx.manager.id);
    expect(await used(p.id)).toBe(0);
    const losses = capCounterCacheStats().losses;
    if (dbHandle().pool) {
      // Ends the listening connection from the server's side, as a restart or a failover would.
      const ended = await prisma.$queryRawUnsafe<{ ok: boolean }[]>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
      );
      expect(ended.map((r) => r.ok)).toEqual([true]);
      await expect.poll(() => capCounterCacheStats().losses).toBe(losses + 1);
    } else {
      // PGlite's listener lives in this process and cannot be cut: the server never reports a loss.
      expect(capCounterCacheStats().losses).toBe(losses);
    }
    await expect.poll(() => capCounterCacheStats().listening).toBe(true);
    await prisma.$executeRawUnsafe(`INSERT INTO "CapUsage" ("userId", "period", "usedTokens") VALUES ($1, $2, 55)`, p.id, period());
    await expect.poll(() => used(p.id)).toBe(55);
  });
});

// This process's own ingestion and reservations forget the person at once, without waiting for the notification:
// here the notifications never come, so only that can make the next decision right.
describe("this process's own writes", () => {
  beforeAll(async () => {
    await stop();
    stop = startCapCounterCache({ listen: async () => ({ stop: async () => undefined }) });
    while (!capCounterCacheStats().listening) await new Promise((r) => setTimeout(r, 10));
  });

  it("sees this process's own ingestion at once, so a decision right after it is over the cap", async () => {
    const p = await createPerson("ownwrite@example.com", "E-CA2", ["engineer"], fx.team.id, fx.manager.id);
    const ask = { user: p.email, tool: "claude-code", activity: "test-infrastructure" };
    expect((await decide(ask)).decision).toBe("allow");
    expect((await decide(ask)).decision).toBe("allow");
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 1_000_000, outputTokens: 50 })]);
    const after = await decide(ask);
    expect(after.decision).toBe("deny");
    expect(after.reasons[0].code).toBe("over_cap");
    expect(after.cap).toMatchObject({ used: 1_000_050, remaining: 0 });
  });

  it("shows a reservation made by this process in the next decision without an estimate", async () => {
    const p = await createPerson("reserver@example.com", "E-CA3", ["engineer"], fx.team.id, fx.manager.id);
    const ask = { user: p.email, tool: "claude-code", activity: "test-infrastructure" };
    const before = (await decide(ask)).cap!;
    expect(before).toMatchObject({ used: 0, remaining: before.limit });
    expect((await decide({ ...ask, estimatedTokens: 3_000 }, { reserve: true })).decision).toBe("allow");
    expect((await decide(ask)).cap).toMatchObject({ used: 0, remaining: before.limit - 3_000 });
  });
});
