import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { CAP_COUNTERS_CHANNEL, capCounterCacheStats, startCapCounterCache } from "@/lib/caps/cap-counter-cache";
import { RESERVE_BATCH_SQL, releaseExpiredReservations, reserveBatchParams, reserveTokens } from "@/lib/caps/cap-usage";
import { listenOn } from "@/lib/db/listen";
import { decide } from "@/lib/policy/decide";
import { loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";

// Which changes to the cap counters PostgreSQL announces since migration cap_reservation_notices_near_full: all but
// a reservation's increment that leaves a tenth of the cap or more. Against the real triggers and LISTEN (PGlite's
// listener on the embedded database, a connection of its own on PostgreSQL).
useTestDb();
let fx: GatewayFixture;
let heard: string[] = [];
let stopListening: () => Promise<void>;
let stopCache: () => Promise<void>;
beforeAll(async () => {
  fx = await createGatewayFixture();
  const handle = await listenOn(dbHandle(), CAP_COUNTERS_CHANNEL, (payload) => heard.push(payload), () => undefined);
  stopListening = handle.stop;
  stopCache = startCapCounterCache({ listen: (onNotify, onDown) => listenOn(dbHandle(), CAP_COUNTERS_CHANNEL, onNotify, onDown) }, { retryMs: 50 });
  while (!capCounterCacheStats().listening) await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  await stopCache();
  await stopListening();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);

/** Another worker's reservation against the external cap: the statement alone, so this process forgets nothing. */
async function reserveElsewhere(userId: string, tokens: number, limit: number) {
  const rows = await prisma.$queryRawUnsafe<{ reservationId: string | null }[]>(RESERVE_BATCH_SQL, ...reserveBatchParams([{ userId, period: period(), tokens, limit, toolId: fx.claude.id }], 600));
  return rows[0].reservationId;
}

/**
 * What was announced by the time a later change for `marker` is heard: notices arrive in commit order, so one the
 * earlier statements sent would have arrived first.
 */
async function heardBefore(marker: string, act: () => Promise<unknown>): Promise<string[]> {
  const mark = async () => {
    heard = [];
    await prisma.$executeRawUnsafe(`UPDATE "CapUsage" SET "usedTokens" = "usedTokens" + 1 WHERE "userId" = $1 AND "period" = $2`, marker, period());
    await expect.poll(() => heard.includes(marker)).toBe(true);
  };
  await mark(); // what earlier statements announced has arrived by now
  heard = [];
  await act();
  const during = heard;
  await mark();
  return [...during, ...heard.slice(0, heard.indexOf(marker))];
}

describe("notices of cap counter changes", () => {
  let marker: string;
  beforeAll(async () => {
    marker = (await createPerson("marker@example.com", "E-MK", ["engineer"], fx.team.id, fx.manager.id)).id;
    await prisma.capUsage.create({ data: { userId: marker, period: period() } });
  });

  it("does not announce a reservation that leaves a tenth of the cap or more, and announces one that leaves less", async () => {
    const p = await createPerson("far@example.com", "E-RN1", ["engineer"], fx.team.id, fx.manager.id);
    await prisma.capUsage.create({ data: { userId: p.id, period: period() } });
    expect(await heardBefore(marker, async () => expect(await reserveElsewhere(p.id, 899_000, 1_000_000)).not.toBeNull())).toEqual([]);
    // 899,000 + 1,001 reserved: 99,999 left, under a tenth
    expect(await heardBefore(marker, async () => expect(await reserveElsewhere(p.id, 1_001, 1_000_000)).not.toBeNull())).toEqual([p.id]);
    // no room: nothing changes, nothing is announced
    expect(await heardBefore(marker, async () => expect(await reserveElsewhere(p.id, 200_000, 1_000_000)).toBeNull())).toEqual([]);
  });

  it("announces used tokens, reservations given back and alerts, as before", async () => {
    const p = await createPerson("given-back@example.com", "E-RN2", ["engineer"], fx.team.id, fx.manager.id);
    await prisma.capUsage.create({ data: { userId: p.id, period: period() } });
    expect(await heardBefore(marker, () => reserveElsewhere(p.id, 10, 1_000_000))).toEqual([]);
    const later = new Date(Date.now() + 3_600_000);
    expect(await heardBefore(marker, () => releaseExpiredReservations(prisma, later))).toContain(p.id);
    expect(await heardBefore(marker, () => prisma.capUsage.update({ where: { userId_period: { userId: p.id, period: period() } }, data: { usedTokens: 5 } }))).toEqual([p.id]);
    expect(await heardBefore(marker, () => prisma.capUsage.update({ where: { userId_period: { userId: p.id, period: period() } }, data: { alert80At: new Date() } }))).toEqual([p.id]);
  });

  it("announces a reservation against several caps when it leaves less than a tenth of any of them", async () => {
    const p = await createPerson("buckets@example.com", "E-RN3", ["engineer"], fx.team.id, fx.manager.id);
    const reserve = (tokens: number) =>
      reserveTokens({ userId: p.id, toolId: fx.metacode.id, period: period(), tokens, limits: [{ bucket: "in_house", limit: 100_000 }, { bucket: `tool:${fx.metacode.id}`, limit: 1_000_000 }] });
    // the first reservation adds the counters' rows, and inserting a row is announced
    await reserve(1_000);
    expect(await heardBefore(marker, async () => expect((await reserve(50_000)).reservationId).not.toBeNull())).toEqual([]);
    expect(await heardBefore(marker, async () => expect((await reserve(40_000)).reservationId).not.toBeNull())).toEqual([p.id]);
    expect(await heardBefore(marker, async () => expect((await reserve(40_000)).full).toBe("in_house"))).toEqual([]);
  });
});

describe("decisions answered from memory", () => {
  it("are over the cap as soon as another worker's reservation fills it", async () => {
    const p = await createPerson("filled@example.com", "E-RN4", ["engineer"], fx.team.id, fx.manager.id);
    await prisma.capUsage.create({ data: { userId: p.id, period: period() } });
    const ask = { user: p.email, tool: "claude-code", activity: "test-infrastructure" };
    const first = await decide(ask);
    expect(first.decision).toBe("allow");
    // answered from memory (once a policy refresh after the new person has forgotten every counter)
    await expect
      .poll(async () => {
        const hits = capCounterCacheStats().hits;
        expect((await decide(ask)).decision).toBe("allow");
        return capCounterCacheStats().hits - hits;
      })
      .toBe(1);

    expect(await reserveElsewhere(p.id, first.cap!.limit, first.cap!.limit)).not.toBeNull();
    await expect.poll(async () => (await decide(ask)).reasons[0].code).toBe("over_cap");
    expect((await decide(ask)).cap).toMatchObject({ used: 0, remaining: 0 });
  });

  it("show this worker's own reservation at once, as the database has it, without reading it again", async () => {
    const p = await createPerson("own-reservation@example.com", "E-RN6", ["engineer"], fx.team.id, fx.manager.id);
    await prisma.capUsage.create({ data: { userId: p.id, period: period(), usedTokens: 1_000 } });
    const ask = { user: p.email, tool: "claude-code", activity: "test-infrastructure" };
    // answered from memory (once a policy refresh after the new person has forgotten every counter)
    await expect
      .poll(async () => {
        const hits = capCounterCacheStats().hits;
        await decide(ask);
        return capCounterCacheStats().hits - hits;
      })
      .toBe(1);
    const reserved = await decide({ ...ask, estimatedTokens: 2_500 }, { reserve: true });
    expect(reserved.cap).toMatchObject({ used: 1_000 });
    const stats = capCounterCacheStats();
    const next = await decide(ask);
    expect(capCounterCacheStats()).toMatchObject({ hits: stats.hits + 1, misses: stats.misses });
    const row = await prisma.capUsage.findUniqueOrThrow({ where: { userId_period: { userId: p.id, period: period() } } });
    expect(Number(row.reservedTokens)).toBe(2_500);
    expect(next.cap).toMatchObject({ used: 1_000, remaining: next.cap!.limit - 1_000 - 2_500 });
  });

  it("are read again once a person's cap may have changed", async () => {
    const p = await createPerson("recapped@example.com", "E-RN5", ["engineer"], fx.team.id, fx.manager.id);
    const ask = { user: p.email, tool: "claude-code", activity: "test-infrastructure" };
    await expect
      .poll(async () => {
        await decide(ask);
        return capCounterCacheStats().entries;
      })
      .toBeGreaterThan(0);
    // A cap written by another process: the next snapshot refresh sees it and forgets every counter.
    await prisma.cap.create({ data: { scope: "user", userId: p.id, monthlyTokens: 500_000 } });
    await expect
      .poll(async () => {
        await loadPolicySnapshot();
        return capCounterCacheStats().entries;
      })
      .toBe(0);
    expect((await decide(ask)).cap?.limit).toBe(500_000);
  });
});
