import { beforeAll, describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";

// Giving back expired (or settled) reservations locks the counters in key order, as reservation batches and
// ingestion do: otherwise the expiry sweep and a batch could each hold a counter the other waits for (a deadlock that
// PostgreSQL breaks only after deadlock_timeout, a second by default, with the batch's decisions waiting).
useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);

describe("giving back expired reservations", () => {
  it("locks the counters in key order, whatever order their rows are stored in and whatever the plan", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => createPerson(`order-${i}@example.com`, `E-OR${i}`, ["engineer"], fx.team.id, fx.manager.id)));
    const ids = people.map((p) => p.id).sort();
    const [first, last] = [ids[0], ids[ids.length - 1]];
    // Stored in reverse key order, so a plan that reads the table in storage order meets the last key first.
    for (const id of [...ids].reverse()) await prisma.capUsage.create({ data: { userId: id, period: period(), reservedTokens: 100n } });
    const expired = new Date(Date.now() - 1000);
    await prisma.capReservation.createMany({
      data: ids.map((userId, i) => ({ id: `order-res-${i}`, userId, period: period(), tokens: 100n, toolId: fx.claude.id, expiresAt: expired })),
    });

    const pool = dbHandle().pool;
    if (!pool) {
      // The embedded database runs one statement at a time: nothing else can hold a lock meanwhile.
      expect(await releaseExpiredReservations()).toBe(ids.length);
      return;
    }
    const other = await pool.connect();
    try {
      // Another transaction (a batch, say) holds the last counter.
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "CapUsage" WHERE "userId" = $1 AND "period" = $2 FOR NO KEY UPDATE`, [last, period()]);
      // A backlog of thousands can make PostgreSQL join without nested loops; the same plan is forced here.
      const sweep = prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_nestloop = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_mergejoin = off");
        return releaseExpiredReservations(tx);
      }, { timeout: 30_000 });
      // Until the sweep waits for that lock...
      for (let waiting = false; !waiting; ) {
        const rows = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%DELETE FROM "CapReservation"%'`);
        waiting = rows.rowCount! > 0;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // ...by then it holds every counter before it in key order: the first one is not free.
      await other.query("SAVEPOINT probe");
      await expect(other.query(`SELECT 1 FROM "CapUsage" WHERE "userId" = $1 AND "period" = $2 FOR NO KEY UPDATE NOWAIT`, [first, period()])).rejects.toMatchObject({ code: "55P03" });
      await other.query("ROLLBACK TO SAVEPOINT probe");
      await other.query("COMMIT");
      expect(await sweep).toBe(ids.length);
    } finally {
      await other.query("ROLLBACK").catch(() => undefined);
      other.release();
    }
    const counters = await prisma.capUsage.findMany({ where: { userId: { in: ids } } });
    expect(counters.map((c) => Number(c.reservedTokens))).toEqual(ids.map(() => 0));
  });
});
