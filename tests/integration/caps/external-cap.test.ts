import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { releaseExpiredReservations } from "@/lib/caps/cap-usage";
import { setCap } from "@/lib/caps/manage-caps";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { decide } from "@/lib/policy/decide";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "../usage/gateway-fixture";

// Issue 18: the monthly cap governs external tools only. The in-house assistant's tokens never count toward it and
// it is never denied by it; an optional in-house cap and per-tool caps are separate, with the same reservation rule.
useTestDb();
let fx: GatewayFixture;
const admin = { type: "system" as const, id: null };
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);
const external = async (userId: string) => prisma.capUsage.findUnique({ where: { userId_period: { userId, period: period() } } });
const bucket = async (userId: string, name: string) => prisma.capBucketUsage.findUnique({ where: { userId_period_bucket: { userId, period: period(), bucket: name } } });

describe("the external cap", () => {
  it("is not moved by in-house events, which count in the in-house counter instead", async () => {
    const p = await createPerson("inhouse@example.com", "E-IH", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 400_000, outputTokens: 0 })]);
    const r = await ingestUsageEvents([
      usageEvent({ user: p.email, tool: "metacode", inputTokens: 900_000, outputTokens: 100_000 }),
      usageEvent({ user: p.email, tool: "metacode", inputTokens: 700_000, outputTokens: 0 }),
    ]);
    // 1.7M in-house tokens on a 1M cap: none of it is over_cap.
    expect(r.outcomes).toEqual({ allowed: 2, allowed_by_grant: 0, over_cap: 0, violation: 0 });
    expect(Number((await external(p.id))?.usedTokens)).toBe(400_000);
    expect(Number((await bucket(p.id, "in_house"))?.usedTokens)).toBe(1_700_000);
    expect(Number((await bucket(p.id, `tool:${fx.metacode.id}`))?.usedTokens)).toBe(1_700_000);
    expect(Number((await bucket(p.id, `tool:${fx.claude.id}`))?.usedTokens)).toBe(400_000);
  });

  it("denies an over-cap person's external tool, naming the in-house assistant, and allows the in-house assistant", async () => {
    const p = await createPerson("overcap@example.com", "E-OC", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 1_000_000, outputTokens: 50 })]);

    const ext = await decide({ user: p.email, tool: "claude-code", activity: "test-infrastructure", estimatedTokens: 10 }, { reserve: true });
    expect(ext.decision).toBe("deny");
    expect(ext.reasons[0].code).toBe("over_cap");
    expect(ext.reasons[0].message).toMatch(/in-house assistant \(MetaCode, "metacode"\) does not count toward this cap: use it to go on/);
    expect(ext.requestUrl).toContain("/usage?capIncrease=1#cap-increase");
    expect(ext.cap).toMatchObject({ used: 1_000_050, limit: 1_000_000, remaining: 0, counts: "external_tools", applies: true });

    // Even training-data work on a training-data project, the one place only the in-house assistant may be used.
    const inHouse = await decide(
      { user: p.email, tool: "metacode", activity: "training-data-generation", project: "llm-pretraining-data", estimatedTokens: 50_000 },
      { reserve: true },
    );
    expect(inHouse.decision).toBe("allow");
    expect(inHouse.cap).toMatchObject({ used: 1_000_050, remaining: 0, applies: false });
    expect(inHouse.inHouseCap).toBeNull();
    // No in-house cap: nothing to reserve, and the external counter is untouched.
    expect(Number((await external(p.id))?.reservedTokens)).toBe(0);
    expect(await prisma.capReservation.count({ where: { userId: p.id } })).toBe(0);

    // Ingestion agrees with the decision: in-house usage of an over-cap person is allowed, external is over_cap.
    const r = await ingestUsageEvents([usageEvent({ user: p.email, tool: "metacode" }), usageEvent({ user: p.email })]);
    expect(r.outcomes).toMatchObject({ allowed: 1, over_cap: 1 });
  });

  it("alerts at 100% saying only external tools count and the in-house assistant stays available", async () => {
    const p = await createPerson("alerted@example.com", "E-AL", ["engineer"], fx.team.id, fx.manager.id);
    await ingestUsageEvents([usageEvent({ user: p.email, inputTokens: 1_000_000, outputTokens: 0 })]);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: p.id, kind: "cap.100" } });
    expect(note.title).toMatch(/external-tools token cap/);
    expect(note.body).toMatch(/on external tools.*in-house assistant does not count toward this cap and stays available/);
  });
});

describe("the in-house cap", () => {
  it("is separate: reservations for the in-house tool use it and never the external cap; reached, the in-house assistant is over_cap with its own message", async () => {
    const p = await createPerson("ihcap@example.com", "E-IHC", ["engineer"], fx.team.id, fx.manager.id);
    await setCap(admin, { scope: "user", target: p.email, monthlyTokens: 300_000, capOn: "in_house" });
    await ingestUsageEvents([usageEvent({ user: p.email, tool: "metacode", inputTokens: 100_000, outputTokens: 0 })]);

    const first = await decide({ user: p.email, tool: "metacode", activity: "test-infrastructure", estimatedTokens: 150_000 }, { reserve: true });
    expect(first.decision).toBe("allow");
    expect(first.inHouseCap).toMatchObject({ limit: 300_000, used: 100_000, remaining: 50_000, applies: true });
    expect(Number((await bucket(p.id, "in_house"))?.reservedTokens)).toBe(150_000);
    expect(Number((await external(p.id))?.reservedTokens ?? 0)).toBe(0);

    const second = await decide({ user: p.email, tool: "metacode", activity: "test-infrastructure", estimatedTokens: 60_000 }, { reserve: true });
    expect(second.decision).toBe("deny");
    expect(second.reasons[0].code).toBe("over_cap");
    expect(second.reasons[0].message).toMatch(/cap on the in-house assistant reached.*separate from the external-tools cap/);
    // External tools are untouched by the in-house cap.
    expect((await decide({ user: p.email, tool: "claude-code", activity: "test-infrastructure", estimatedTokens: 60_000 }, { reserve: true })).decision).toBe("allow");

    // The in-house usage arriving settles the in-house reservation.
    await ingestUsageEvents([usageEvent({ user: p.email, tool: "metacode", inputTokens: 140_000, outputTokens: 0 })]);
    expect(Number((await bucket(p.id, "in_house"))?.reservedTokens)).toBe(0);
    expect(Number((await bucket(p.id, "in_house"))?.usedTokens)).toBe(240_000);
    // 80 % of the in-house cap: its own alert, with its own wording; the external cap is far from it.
    const notes = await prisma.notification.findMany({ where: { userId: p.id } });
    expect(notes.map((n) => n.kind)).toEqual(["cap.80"]);
    expect(notes[0].title).toMatch(/in-house assistant token cap/);
    expect(notes[0].body).toBe(`240,000 of 300,000 tokens used on the in-house assistant in ${period()}.`);
  });
});

describe("per-tool caps", () => {
  it("deny that tool only, and parallel reservations never over-commit it", async () => {
    const p = await createPerson("toolcap@example.com", "E-TC", ["engineer"], fx.team.id, fx.manager.id);
    await setCap(admin, { scope: "role", target: "engineer", monthlyTokens: 250_000, capOn: `tool:${fx.claude.id}` });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => decide({ user: p.email, tool: "claude-code", activity: "test-infrastructure", estimatedTokens: 40_000 }, { reserve: true })),
    );
    expect(answers.filter((a) => a.decision === "allow")).toHaveLength(6);
    const denied = answers.filter((a) => a.decision === "deny");
    expect(denied.every((a) => a.reasons[0].code === "over_cap" && /Monthly cap on Claude Code reached/.test(a.reasons[0].message))).toBe(true);
    expect(Number((await bucket(p.id, `tool:${fx.claude.id}`))?.reservedTokens)).toBe(240_000);
    // Both caps that govern the tool hold the reservation.
    expect(Number((await external(p.id))?.reservedTokens)).toBe(240_000);
    expect(await prisma.capReservation.count({ where: { userId: p.id } })).toBe(6);
    const reservation = await prisma.capReservation.findFirstOrThrow({ where: { userId: p.id } });
    expect(reservation.buckets.sort()).toEqual(["external", `tool:${fx.claude.id}`]);

    // Another tool is not limited by this one's cap.
    expect((await decide({ user: p.email, tool: "metacode", activity: "test-infrastructure", estimatedTokens: 40_000 }, { reserve: true })).decision).toBe("allow");

    // Expired reservations give back to every counter they held.
    await prisma.capReservation.updateMany({ where: { userId: p.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await releaseExpiredReservations()).toBe(6);
    expect(Number((await bucket(p.id, `tool:${fx.claude.id}`))?.reservedTokens)).toBe(0);
    expect(Number((await external(p.id))?.reservedTokens)).toBe(0);
    await prisma.cap.deleteMany({ where: { kind: "tool" } });
  });

  it("keeps every counter equal to its open reservations while decisions and ingestion for one person race", async () => {
    const p = await createPerson("racing@example.com", "E-RC", ["engineer"], fx.team.id, fx.manager.id);
    await setCap(admin, { scope: "user", target: p.email, monthlyTokens: 900_000, capOn: `tool:${fx.claude.id}` });
    await setCap(admin, { scope: "user", target: p.email, monthlyTokens: 900_000, capOn: "in_house" });
    const work = [
      ...Array.from({ length: 16 }, (_, i) =>
        decide({ user: p.email, tool: i % 2 ? "metacode" : "claude-code", activity: "test-infrastructure", estimatedTokens: 30_000 }, { reserve: true }),
      ),
      ...Array.from({ length: 4 }, (_, i) => ingestUsageEvents([usageEvent({ user: p.email, tool: i % 2 ? "metacode" : "claude-code", inputTokens: 20_000, outputTokens: 0 })])),
    ];
    await Promise.all(work);
    const open = await prisma.capReservation.findMany({ where: { userId: p.id } });
    const held = (b: string) => open.filter((r) => r.buckets.includes(b)).reduce((a, r) => a + Number(r.tokens), 0);
    expect(Number((await external(p.id))?.reservedTokens)).toBe(held("external"));
    expect(Number((await bucket(p.id, "in_house"))?.reservedTokens)).toBe(held("in_house"));
    expect(Number((await bucket(p.id, `tool:${fx.claude.id}`))?.reservedTokens)).toBe(held(`tool:${fx.claude.id}`));
    expect(Number((await external(p.id))?.usedTokens)).toBe(40_000);
    expect(Number((await bucket(p.id, "in_house"))?.usedTokens)).toBe(40_000);
  });
});
