import { beforeAll, describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { RESERVE_BATCH_SQL, reservationBatchStats, reserveBatchParams, reserveTokens } from "@/lib/caps/cap-usage";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";

// Reservations against the external cap go to the database in batches (lib/caps/reservation-batch.ts): one statement
// for several people, each checked against their own counter.
useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);
type BatchRow = { i: number; used: bigint | number | string | null; reserved: bigint | number | string | null; reservationId: string | null };
const num = (v: bigint | number | string | null) => (v == null ? null : Number(v));

describe("a batch of reservations", () => {
  it("reserves for each person with room, against that person's counter alone, and answers in the batch's order", async () => {
    const people = await Promise.all(["a", "b", "c", "d"].map((x, i) => createPerson(`batch-${x}@example.com`, `E-BT${i}`, ["engineer"], fx.team.id, fx.manager.id)));
    const [room, full, none, more] = people;
    await prisma.capUsage.createMany({
      data: [
        { userId: room.id, period: period(), usedTokens: 100n, reservedTokens: 50n },
        { userId: full.id, period: period(), usedTokens: 900n, reservedTokens: 50n },
        { userId: more.id, period: period(), usedTokens: 0n, reservedTokens: 0n },
      ],
    });
    const ask = (userId: string, tokens: number) => ({ userId, period: period(), tokens, limit: 1000, toolId: fx.claude.id });
    const rows = await prisma.$queryRawUnsafe<BatchRow[]>(RESERVE_BATCH_SQL, ...reserveBatchParams([ask(room.id, 500), ask(full.id, 100), ask(none.id, 10), ask(more.id, 1000)]));

    expect(rows.map((r) => [r.i, num(r.used), num(r.reserved), r.reservationId !== null])).toEqual([
      [0, 100, 50, true],
      [1, 900, 50, false], // 900 + 50 + 100 is over 1,000
      [2, null, null, false], // no counter row yet: the caller creates it and asks again
      [3, 0, 0, true], // exactly the limit fits
    ]);
    const counters = await prisma.capUsage.findMany({ where: { userId: { in: people.map((p) => p.id) } } });
    const reservedOf = (id: string) => Number(counters.find((c) => c.userId === id)?.reservedTokens);
    expect([reservedOf(room.id), reservedOf(full.id), reservedOf(more.id)]).toEqual([550, 50, 1000]);
    const open = await prisma.capReservation.findMany({ where: { userId: { in: people.map((p) => p.id) } } });
    expect(open.map((r) => [r.id, r.userId, Number(r.tokens), r.toolId, r.buckets]).sort()).toEqual(
      [
        [rows[0].reservationId, room.id, 500, fx.claude.id, ["external"]],
        [rows[3].reservationId, more.id, 1000, fx.claude.id, ["external"]],
      ].sort(),
    );
  });

  it("does not wait for a counter another transaction holds: the others are reserved at once, that one once it is free", async () => {
    const [held, free] = await Promise.all(["held", "free"].map((x, i) => createPerson(`lock-${x}@example.com`, `E-LK${i}`, ["engineer"], fx.team.id, fx.manager.id)));
    await prisma.capUsage.createMany({ data: [held, free].map((p) => ({ userId: p.id, period: period() })) });
    const reserve = (userId: string) => reserveTokens({ userId, toolId: fx.claude.id, period: period(), tokens: 100, limits: [{ bucket: "external", limit: 1000 }] });
    const pool = dbHandle().pool;
    if (!pool) {
      // The embedded database has one connection, so nothing else can hold a lock while a statement runs.
      const answers = await Promise.all([reserve(held.id), reserve(free.id)]);
      expect(answers.every((a) => a.reservationId)).toBe(true);
      return;
    }
    await Promise.all([reserve(held.id), reserve(free.id)]);
    // An ingestion under way holds the person's counter until it commits.
    const ingestion = await pool.connect();
    try {
      await ingestion.query("BEGIN");
      await ingestion.query(`UPDATE "CapUsage" SET "usedTokens" = "usedTokens" + 300 WHERE "userId" = $1 AND "period" = $2`, [held.id, period()]);
      let heldDone = false;
      const sent = reservationBatchStats().batches;
      const heldAnswer = reserve(held.id).then((a) => ((heldDone = true), a));
      // The held person's reservation is on its way to the database before the other one is asked for.
      while (reservationBatchStats().batches === sent) await new Promise((resolve) => setImmediate(resolve));
      const freeAnswer = await reserve(free.id);
      expect(freeAnswer.reservationId).not.toBeNull();
      expect(heldDone).toBe(false);
      await ingestion.query("COMMIT");
      // Reserved once the lock was free, against the counter as the ingestion left it.
      expect(await heldAnswer).toMatchObject({ full: null, before: new Map([["external", { used: 300, reserved: 100 }]]) });
    } finally {
      await ingestion.query("ROLLBACK").catch(() => undefined);
      ingestion.release();
    }
    const counter = await prisma.capUsage.findUnique({ where: { userId_period: { userId: held.id, period: period() } } });
    expect([Number(counter?.usedTokens), Number(counter?.reservedTokens)]).toEqual([300, 200]);
  });

  it("commits batches without waiting for the WAL flush, on their own connection, and nothing else that way", async () => {
    const handle = dbHandle();
    if (!handle.pool) {
      expect(handle.asyncCommitPool).toBeUndefined(); // the embedded database: one connection, every commit the same
      return;
    }
    const person = await createPerson("flush@example.com", "E-FL0", ["engineer"], fx.team.id, fx.manager.id);
    const sent = reservationBatchStats().reservations;
    const answer = await reserveTokens({ userId: person.id, toolId: fx.claude.id, period: period(), tokens: 10, limits: [{ bucket: "external", limit: 1000 }] });
    expect(answer.reservationId).not.toBeNull();
    expect(reservationBatchStats().reservations).toBe(sent + 1);
    // The batch's connection was opened for it, and its commits do not wait; the main pool's do.
    expect(handle.asyncCommitPool?.totalCount).toBe(1);
    expect((await handle.asyncCommitPool!.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("off");
    expect((await handle.pool.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("on");
  });

  it("never over-commits anyone when many people's decisions reserve at once, several each", async () => {
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => createPerson(`crowd-${i}@example.com`, `E-CR${i}`, ["engineer"], fx.team.id, fx.manager.id)));
    const results = await Promise.all(
      people.flatMap((p) =>
        Array.from({ length: 3 }, () => reserveTokens({ userId: p.id, toolId: fx.claude.id, period: period(), tokens: 400, limits: [{ bucket: "external", limit: 1000 }] })),
      ),
    );
    // Two of each person's three fit under 1,000; the third is refused against the external cap.
    expect(results.filter((r) => r.reservationId)).toHaveLength(20);
    expect(results.filter((r) => !r.reservationId).every((r) => r.full === "external")).toBe(true);
    for (const p of people) {
      const counter = await prisma.capUsage.findUnique({ where: { userId_period: { userId: p.id, period: period() } } });
      expect(Number(counter?.reservedTokens)).toBe(800);
      expect(await prisma.capReservation.count({ where: { userId: p.id } })).toBe(2);
    }
  });
});
