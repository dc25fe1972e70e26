import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { readCapUsage } from "@/lib/caps/cap-usage";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, type GatewayFixture } from "../usage/gateway-fixture";

// The decision path's cap read: each concurrent caller gets its own person's and period's figures, zero before a
// person's first event of a period, and never a stale copy.
useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

describe("reading cap usage", () => {
  it("gives every concurrent reader its own person's and period's figures", async () => {
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createPerson(`reader${i}@example.com`, `E-R${i}`, ["engineer"], fx.team.id, fx.manager.id)),
    );
    await prisma.capUsage.createMany({
      data: people.flatMap((p, i) => [
        { userId: p.id, period: "2026-10", usedTokens: BigInt(1000 + i), reservedTokens: BigInt(i) },
        ...(i % 3 === 0 ? [] : [{ userId: p.id, period: "2026-11", usedTokens: BigInt(50_000 * i), reservedTokens: BigInt(7) }]),
      ]),
    });

    const asks = people.flatMap((p) => [
      { userId: p.id, period: "2026-11" },
      { userId: p.id, period: "2026-10" },
      { userId: p.id, period: "2026-11" },
    ]);
    const answers = await Promise.all(asks.map(async (a) => (await readCapUsage(a.userId, a.period)).external));

    asks.forEach((a, n) => {
      const i = people.findIndex((p) => p.id === a.userId);
      const expected =
        a.period === "2026-10" ? { used: 1000 + i, reserved: i } : i % 3 === 0 ? { used: 0, reserved: 0 } : { used: 50_000 * i, reserved: 7 };
      expect(answers[n], `${a.period} of reader${i}`).toEqual(expected);
    });
  });

  it("sees a change made between two reads", async () => {
    const p = await createPerson("changer@example.com", "E-CH", ["engineer"], fx.team.id, fx.manager.id);
    expect((await readCapUsage(p.id, "2026-09")).external).toEqual({ used: 0, reserved: 0 });
    await prisma.capUsage.create({ data: { userId: p.id, period: "2026-09", usedTokens: BigInt(42), reservedTokens: BigInt(0) } });
    expect((await readCapUsage(p.id, "2026-09")).external).toEqual({ used: 42, reserved: 0 });
  });
});
