import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { capLeaseStats, flushCapLeaseGrants, releaseCapLeases, releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { WRITE_LEASE_GRANTS_SQL } from "@/lib/caps/lease-grant-writer";
import { decide } from "@/lib/policy/decide";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

// A worker that keeps reserving for the same person leases a block of the person's external cap and carves the
// next reservations from it in memory (lib/caps/cap-leases.ts). The fixture's engineers have a 1,000,000-token cap,
// so a lease asked for by reservations of 1,000 tokens is 10,000 tokens (1 % of the cap).
useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);
const counter = async (userId: string) => {
  const c = await prisma.capUsage.findUniqueOrThrow({ where: { userId_period: { userId, period: period() } } });
  return { used: Number(c.usedTokens), reserved: Number(c.reservedTokens) };
};
const open = async (userId: string) => {
  const rows = await prisma.capReservation.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return {
    leases: rows.filter((r) => r.toolId === null).map((r) => Number(r.tokens)),
    reservations: rows.filter((r) => r.toolId !== null).map((r) => Number(r.tokens)),
    held: rows.reduce((sum, r) => sum + Number(r.tokens), 0),
  };
};
const ask = (email: string, estimatedTokens: number) => decide({ user: email, tool: "claude-code", activity: "test-infrastructure", estimatedTokens }, { reserve: true });

describe("cap leases", () => {
  it("lease a block once a worker reserves for someone again, carve the next reservations from it, and write each as its own reservation", async () => {
    const p = await createPerson("lease-a@example.com", "E-LA", ["engineer"], fx.team.id, fx.manager.id);
    const before = capLeaseStats();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await ask(p.email, 1000));
    expect(answers.every((a) => a.decision === "allow")).toBe(true);
    // Each answer shows what is left after it: the lease's unused tokens are not the person's.
    expect(answers.map((a) => a.cap?.remaining)).toEqual([999_000, 998_000, 997_000, 996_000, 995_000, 994_000]);
    // The first two went to the database (the second took the lease), the other four came from the lease.
    expect(capLeaseStats().granted - before.granted).toBe(4);
    await flushCapLeaseGrants();
    const rows = await open(p.id);
    expect(rows.reservations).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(rows.leases).toEqual([10_000 - 4000]);
    // The counter holds exactly the open reservations and what the lease has left.
    expect(await counter(p.id)).toEqual({ used: 0, reserved: 12_000 });
    expect(rows.held).toBe(12_000);
  });

  it("are never taken by settlement, which matches usage to the reservations of its tool", async () => {
    const p = await createPerson("lease-b@example.com", "E-LB", ["engineer"], fx.team.id, fx.manager.id);
    for (let i = 0; i < 4; i++) await ask(p.email, 1000);
    await flushCapLeaseGrants();
    await ingestUsageEvents(Array.from({ length: 6 }, () => usageEvent({ user: p.email, inputTokens: 700, outputTokens: 0 })));
    const rows = await open(p.id);
    expect(rows.reservations).toEqual([]);
    expect(rows.leases).toEqual([10_000 - 2000]);
    expect(await counter(p.id)).toEqual({ used: 4200, reserved: 8000 });
  });

  it("are not taken when they would leave less than 15 % of the cap", async () => {
    const p = await createPerson("lease-c@example.com", "E-LC", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 845_000, outputTokens: 0 })]);
    for (let i = 0; i < 4; i++) expect((await ask(p.email, 1000)).decision).toBe("allow");
    const rows = await open(p.id);
    expect(rows.leases).toEqual([]);
    expect(rows.reservations).toEqual([1000, 1000, 1000, 1000]);
  });

  it("grant nothing once usage counted without a reservation puts the person over the cap: the database says over cap", async () => {
    const p = await createPerson("lease-d@example.com", "E-LD", ["engineer"], fx.team.id, fx.manager.id);
    await ask(p.email, 1000);
    await ask(p.email, 1000);
    expect((await open(p.id)).leases).toEqual([10_000]);
    // Usage far above the estimate it settles fills the cap: 999,500 used, and the lease still holds 10,000.
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 999_500, outputTokens: 0 })]);
    const granted = capLeaseStats().granted;
    const answer = await ask(p.email, 1000);
    expect(answer.decision).toBe("deny");
    expect(answer.reasons[0].code).toBe("over_cap");
    expect(capLeaseStats().granted).toBe(granted);
    // The lease gave way (it held room the reservation needed), and there was still not enough.
    expect(await open(p.id)).toMatchObject({ leases: [], reservations: [1000] });
    expect(await counter(p.id)).toEqual({ used: 999_500, reserved: 1000 });
  });

  it("give way to a reservation they do not cover when they hold the room it needs", async () => {
    const p = await createPerson("lease-i@example.com", "E-LI", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, tool: "shady-ai", inputTokens: 830_000, outputTokens: 0 })]);
    await ask(p.email, 1000);
    await ask(p.email, 1000);
    expect((await open(p.id)).leases).toEqual([10_000]);
    // 168,000 tokens are the person's; 10,000 of them are in the lease, which does not cover 160,000.
    const big = await ask(p.email, 160_000);
    expect(big).toMatchObject({ decision: "allow", cap: { used: 830_000, remaining: 1_000_000 - 830_000 - 162_000 } });
    expect(await open(p.id)).toMatchObject({ leases: [], reservations: [1000, 1000, 160_000] });
    expect(await counter(p.id)).toEqual({ used: 830_000, reserved: 162_000 });
  });

  it("never over-commit the cap when many decisions race for one person", async () => {
    const p = await createPerson("lease-e@example.com", "E-LE", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 120_000, outputTokens: 0 })]);
    await ask(p.email, 1000);
    await ask(p.email, 1000);
    const estimate = (i: number) => 1000 + (i % 7) * 500; // 2,500 on average: 500 of them ask for 1,250,000
    const granted = capLeaseStats().granted;
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => ask(p.email, estimate(i))));
    expect(capLeaseStats().granted).toBeGreaterThan(granted);
    const allowed = answers.map((a, i) => (a.decision === "allow" ? estimate(i) : 0)).filter(Boolean);
    expect(answers.filter((a) => a.decision === "deny").every((a) => a.reasons[0].code === "over_cap")).toBe(true);
    expect(allowed.length).toBeLessThan(500);
    // What was allowed, with the first two and the usage, fits in the cap.
    const allowedTokens = allowed.reduce((a, b) => a + b, 0);
    expect(allowedTokens + 2000 + 120_000).toBeLessThanOrEqual(1_000_000);
    await flushCapLeaseGrants();
    const c = await counter(p.id);
    const rows = await open(p.id);
    // The counter holds exactly the open reservations and what the leases have left.
    expect(rows.reservations.reduce((a, b) => a + b, 0)).toBe(allowedTokens + 2000);
    expect(c).toEqual({ used: 120_000, reserved: rows.held });
    expect(c.used + c.reserved).toBeLessThanOrEqual(1_000_000);
    expect(rows.leases.every((t) => t >= 0)).toBe(true);
  });

  it("give back what they hold when the worker stops, and the expiry sweep gives back a dead worker's", async () => {
    const p = await createPerson("lease-f@example.com", "E-LF", ["engineer"], fx.team.id, fx.manager.id);
    for (let i = 0; i < 3; i++) await ask(p.email, 1000);
    await releaseCapLeases();
    expect(await open(p.id)).toMatchObject({ leases: [], reservations: [1000, 1000, 1000] });
    expect(await counter(p.id)).toEqual({ used: 0, reserved: 3000 });

    const q = await createPerson("lease-g@example.com", "E-LG", ["engineer"], fx.team.id, fx.manager.id);
    for (let i = 0; i < 2; i++) await ask(q.email, 1000);
    expect((await open(q.id)).leases).toEqual([10_000]);
    // A worker that died leaves its lease until the row expires.
    await prisma.capReservation.updateMany({ where: { userId: q.id, toolId: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await releaseExpiredReservations()).toBe(1);
    expect(await counter(q.id)).toEqual({ used: 0, reserved: 2000 });
    await releaseCapLeases();
  });

  it("hold a grant's tokens in the counter again when its lease was given back before it was written, and write a grant once", async () => {
    const p = await createPerson("lease-h@example.com", "E-LH", ["engineer"], fx.team.id, fx.manager.id);
    await prisma.capUsage.create({ data: { userId: p.id, period: period(), reservedTokens: 0n } });
    const grant = { id: `grant-${Date.now()}`, leaseId: "a-lease-the-sweep-gave-back", userId: p.id, period: period(), tokens: 1500, toolId: fx.claude.id };
    for (let i = 0; i < 2; i++) await prisma.$queryRawUnsafe(WRITE_LEASE_GRANTS_SQL, JSON.stringify([grant]), 600);
    expect(await open(p.id)).toMatchObject({ leases: [], reservations: [1500] });
    expect(await counter(p.id)).toEqual({ used: 0, reserved: 1500 });
  });
});
