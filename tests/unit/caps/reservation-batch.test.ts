import { describe, expect, it } from "vitest";
import { MAX_BATCH, reservationBatcher, takeBatch, type ExternalReservation, type ExternalReservationResult } from "@/lib/caps/reservation-batch";

const r = (userId: string, tokens = 100, period = "2026-11"): ExternalReservation => ({ userId, period, tokens, limit: 1000, toolId: "t1" });

/** A database stand-in: each call waits until the test lets it finish, and answers from its own counters. */
function fakeDatabase() {
  const used = new Map<string, number>();
  const calls: ExternalReservation[][] = [];
  const pending: (() => void)[] = [];
  const run = (batch: ExternalReservation[]) =>
    new Promise<ExternalReservationResult[]>((resolve, reject) => {
      calls.push(batch);
      pending.push(() => {
        if (batch.some((b) => b.userId === "broken")) return reject(new Error("connection lost"));
        resolve(
          batch.map((b) => {
            const before = used.get(b.userId) ?? 0;
            const room = before + b.tokens <= b.limit;
            if (room) used.set(b.userId, before + b.tokens);
            return { used: 0, reserved: before, reservationId: room ? `${b.userId}-${before}` : null };
          }),
        );
      });
    });
  const finishNext = async () => {
    while (!pending.length) await new Promise((resolve) => setTimeout(resolve, 1));
    pending.shift()!();
  };
  return { run, calls, finishNext };
}

describe("takeBatch", () => {
  it("takes the oldest reservation of each person and period and keeps the others in order for the next batch", () => {
    const queue = [r("ana", 1), r("bo", 2), r("ana", 3), r("ana", 4, "2026-12"), r("bo", 5)];
    const { batch, rest } = takeBatch(queue);
    expect(batch.map((x) => x.tokens)).toEqual([1, 2, 4]);
    expect(rest.map((x) => x.tokens)).toEqual([3, 5]);
  });

  it("takes at most the batch size", () => {
    const queue = Array.from({ length: MAX_BATCH + 3 }, (_, i) => r(`p${i}`));
    const { batch, rest } = takeBatch(queue);
    expect(batch).toHaveLength(MAX_BATCH);
    expect(rest.map((x) => x.userId)).toEqual([`p${MAX_BATCH}`, `p${MAX_BATCH + 1}`, `p${MAX_BATCH + 2}`]);
  });
});

describe("reservationBatcher", () => {
  it("sends what arrives while a batch runs as the next batch, and answers each reservation with its own result", async () => {
    const db = fakeDatabase();
    const { reserve, stats } = reservationBatcher(db.run);
    const first = reserve(r("ana", 600));
    const later = [reserve(r("bo", 300)), reserve(r("ana", 600)), reserve(r("cy", 200)), reserve(r("ana", 300))];
    await db.finishNext();
    expect((await first).reservationId).toBe("ana-0");
    await db.finishNext();
    await db.finishNext();
    const [bo, ana2, cy, ana3] = await Promise.all(later);
    expect(db.calls.map((c) => c.map((x) => `${x.userId}:${x.tokens}`))).toEqual([["ana:600"], ["bo:300", "ana:600", "cy:200"], ["ana:300"]]);
    expect(bo.reservationId).toBe("bo-0");
    expect(cy.reservationId).toBe("cy-0");
    // The person's second reservation had no room left; the third, smaller one, still fit.
    expect(ana2).toMatchObject({ reserved: 600, reservationId: null });
    expect(ana3).toMatchObject({ reserved: 600, reservationId: "ana-600" });
    expect(stats()).toEqual({ batches: 3, reservations: 5, largest: 3 });
  });

  it("fails every reservation of a batch that fails, and goes on with the next batch", async () => {
    const db = fakeDatabase();
    const { reserve } = reservationBatcher(db.run);
    const first = reserve(r("ana"));
    const broken = [reserve(r("broken")), reserve(r("bo"))];
    await db.finishNext();
    await first;
    await db.finishNext();
    await Promise.all(broken.map((p) => expect(p).rejects.toThrow("connection lost")));
    const after = reserve(r("cy"));
    await db.finishNext();
    expect((await after).reservationId).toBe("cy-0");
  });
});
