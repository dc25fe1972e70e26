import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod, localDay } from "@/lib/calendar";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { UnparsableLine } from "@/lib/validation/usage-event";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createGrant, createPerson, usageEvent, type GatewayFixture } from "./gateway-fixture";

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const period = () => capPeriod(new Date(), env.COMPANY_TIME_ZONE);

describe("ingestUsageEvents", () => {
  it("stores valid events, rolls them up per day and counts them against the cap", async () => {
    const events = [usageEvent(), usageEvent({ inputTokens: 3000, outputTokens: 0, costUsd: 1.5 }), usageEvent({ project: undefined })];
    const result = await ingestUsageEvents(events);
    expect(result).toEqual({ accepted: 3, duplicates: 0, rejected: [], outcomes: { allowed: 3, allowed_by_grant: 0, over_cap: 0, violation: 0 } });

    const stored = await prisma.usageEvent.findMany({ where: { externalId: { in: events.map((e) => e.id) } }, orderBy: { inputTokens: "asc" } });
    expect(stored).toHaveLength(3);
    // 1000 input at $3/M + 200 output at $15/M
    expect(Number(stored[0].costUsd)).toBeCloseTo(0.006, 6);
    expect(stored.every((e) => e.outcome === "allowed" && e.policyVersion === 1)).toBe(true);

    const daily = await prisma.usageDailyRecent.findMany({ where: { userId: fx.engineer.id } });
    expect(daily.map((d) => d.projectId).sort()).toEqual(["", fx.projects.infra.id]);
    expect(daily.reduce((s, d) => s + d.events, 0)).toBe(3);
    expect(daily.reduce((s, d) => s + Number(d.inputTokens), 0)).toBe(5000);
    expect(daily[0].day.toISOString().slice(0, 10)).toBe(localDay(new Date(), env.COMPANY_TIME_ZONE));
    const cap = await prisma.capUsage.findUnique({ where: { userId_period: { userId: fx.engineer.id, period: period() } } });
    expect(Number(cap?.usedTokens)).toBe(1200 + 3000 + 1200);
    expect(await prisma.auditEntry.count({ where: { action: "usage.ingested" } })).toBe(1);
  });

  it("counts an id once: duplicates inside a batch, across batches, and a retried batch", async () => {
    const a = usageEvent();
    const b = usageEvent();
    const first = await ingestUsageEvents([a, a, b]);
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    const usedAfterFirst = await usedTokens(fx.engineer.id);

    const retried = await ingestUsageEvents([a, b]);
    expect(retried).toMatchObject({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await prisma.usageEvent.count({ where: { externalId: { in: [a.id, b.id] } } })).toBe(2);
    expect(await usedTokens(fx.engineer.id)).toBe(usedAfterFirst);
  });

  it("keeps the valid lines and reports each bad one with its fields", async () => {
    const good = usageEvent();
    const batch: unknown[] = [
      usageEvent({ inputTokens: -5 }),
      good,
      usageEvent({ outputTokens: "12" }),
      usageEvent({ user: "nobody@example.com" }),
      usageEvent({ tool: "gpt-unknown", project: "nope" }),
      new UnparsableLine(),
      "just a string",
      usageEvent({ occurredAt: "yesterday" }),
    ];
    const result = await ingestUsageEvents(batch);
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(result.rejected[0].errors).toEqual([{ path: "inputTokens", message: "must be a non-negative integer" }]);
    expect(result.rejected[1].errors[0].path).toBe("outputTokens");
    expect(result.rejected[2].errors).toEqual([{ path: "user", message: 'unknown user "nobody@example.com"' }]);
    expect(result.rejected[3].errors.map((e) => e.path)).toEqual(["tool", "project"]);
    expect(result.rejected[4].errors[0]).toEqual({ path: "(line)", message: "not valid JSON" });
    expect(result.rejected[6].errors[0].path).toBe("occurredAt");
    const ids = batch.flatMap((e) => (e && typeof e === "object" && "id" in e ? [String(e.id)] : []));
    expect(await prisma.usageEvent.findMany({ where: { externalId: { in: ids } }, select: { externalId: true } })).toEqual([{ externalId: good.id }]);
  });

  it("groups one bad session into one review item citing the breached clause", async () => {
    const session = Array.from({ length: 25 }, () => usageEvent({ activity: "training-data-generation", project: "ads-ranking", sessionId: "bad-1" }));
    const result = await ingestUsageEvents(session.slice(0, 20));
    expect(result.outcomes.violation).toBe(20);
    await ingestUsageEvents(session.slice(15));

    const items = await prisma.reviewItem.findMany({ where: { userId: fx.engineer.id, type: "violation" }, include: { clauses: true } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: "open", severity: "critical", eventCount: 25, tokens: BigInt(25 * 1200) });
    expect(items[0].groupKey).toBe(`violation:${fx.engineer.id}:${fx.claude.id}:${fx.projects.ads.id}:${localDay(new Date(), env.COMPANY_TIME_ZONE)}`);
    expect(items[0].clauses.map((c) => c.clauseId)).toEqual([fx.clause.id]);
    expect(await prisma.usageEvent.count({ where: { reviewItemId: items[0].id } })).toBe(25);
    const daily = await prisma.usageDailyRecent.findFirst({ where: { userId: fx.engineer.id, projectId: fx.projects.ads.id } });
    expect(daily?.violations).toBe(25);
  });

  it("opens an item legal had cleared again when new violations join it, and counts them in it", async () => {
    const seller = await createPerson("reopen@example.com", "E-REOPEN", ["engineer"], fx.team.id, fx.manager.id);
    const bad = () => usageEvent({ user: seller.email, activity: "training-data-generation", project: "ads-ranking" });
    await ingestUsageEvents([bad(), bad()]);
    const item = await prisma.reviewItem.findFirstOrThrow({ where: { userId: seller.id, type: "violation" } });
    expect(item).toMatchObject({ status: "open", eventCount: 2 });
    await prisma.reviewItem.update({ where: { id: item.id }, data: { status: "cleared", resolvedAt: new Date(), severity: "low" } });

    const result = await ingestUsageEvents([bad()]);
    expect(result.outcomes.violation).toBe(1);
    const after = await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after).toMatchObject({ status: "open", resolvedAt: null, severity: "critical", eventCount: 3, version: item.version + 1 });
    expect(await prisma.reviewItem.count({ where: { userId: seller.id, type: "violation" } })).toBe(1);
    // An open item is not bumped again by more violations.
    await ingestUsageEvents([bad()]);
    expect(await prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "open", eventCount: 4, version: item.version + 1 });
  });

  it("stores text fields exactly as sent, whatever characters they hold", async () => {
    const odd = ['NULL', '{a,b}', 'say "hi", then \\ leave', "é ünïcode ✓", ""];
    const events = odd.map((text, i) => usageEvent({ id: `odd-${Date.now()}-${i}`, sessionId: text, source: `src:${text}` }));
    const result = await ingestUsageEvents(events);
    expect(result.accepted).toBe(odd.length);
    const stored = await prisma.usageEvent.findMany({ where: { externalId: { in: events.map((e) => e.id) } }, select: { externalId: true, sessionId: true, source: true, reasonCodes: true } });
    const byId = new Map(stored.map((e) => [e.externalId, e]));
    events.forEach((e, i) => {
      expect(byId.get(e.id)).toEqual({ externalId: e.id, sessionId: odd[i], source: `src:${odd[i]}`, reasonCodes: ["allowed_by_policy"] });
    });
  });

  it("evaluates each event at its own time: inside a grant's window it is allowed_by_grant, outside it a violation", async () => {
    const holder = await createPerson("holder@example.com", "E-HOLD", ["engineer"], fx.team.id, fx.manager.id);
    const grant = await createGrant(fx, holder.id);
    const inside = usageEvent({ user: holder.email, activity: "product-code", project: "ads-ranking" });
    const before = usageEvent({ user: holder.email, activity: "product-code", project: "ads-ranking", occurredAt: new Date(Date.now() - 3 * 86400_000).toISOString() });
    const result = await ingestUsageEvents([inside, before, { ...inside, id: `${inside.id}-b` }]);
    expect(result.outcomes).toEqual({ allowed: 0, allowed_by_grant: 2, over_cap: 0, violation: 1 });
    const stored = await prisma.usageEvent.findMany({ where: { userId: holder.id }, orderBy: { occurredAt: "asc" } });
    expect(stored.map((e) => [e.outcome, e.grantId])).toEqual([
      ["violation", null],
      ["allowed_by_grant", grant.id],
      ["allowed_by_grant", grant.id],
    ]);
    expect(stored[0].reasonCodes).toEqual(["exception_required"]);
  });

  it("flags usage past the cap as over_cap and alerts the person and their manager once per threshold", async () => {
    const heavy = await createPerson("heavy@example.com", "E-HEAVY", ["engineer"], fx.team.id, fx.manager.id);
    // cap is 1,000,000: 700k, then 150k (85%), then 200k (crosses 100%), then more (over)
    const r1 = await ingestUsageEvents([usageEvent({ user: "E-HEAVY", inputTokens: 700_000, outputTokens: 0 })]);
    expect(r1.outcomes.allowed).toBe(1);
    await ingestUsageEvents([usageEvent({ user: "heavy@example.com", inputTokens: 150_000, outputTokens: 0 })]);
    await ingestUsageEvents([usageEvent({ user: "heavy@example.com", inputTokens: 200_000, outputTokens: 0 })]);
    const over = await ingestUsageEvents([usageEvent({ user: "heavy@example.com" }), usageEvent({ user: "heavy@example.com" })]);
    expect(over.outcomes).toEqual({ allowed: 0, allowed_by_grant: 0, over_cap: 2, violation: 0 });

    const notes = await prisma.notification.findMany({ where: { dedupKey: { contains: heavy.id } }, orderBy: { dedupKey: "asc" } });
    const who = (n: { userId: string }) => (n.userId === heavy.id ? "person" : n.userId === fx.manager.id ? "manager" : "other");
    expect(notes.map((n) => `${n.kind}:${who(n)}`).sort()).toEqual(["cap.100:manager", "cap.100:person", "cap.80:manager", "cap.80:person"]);
    expect(notes).toHaveLength(4);
    const cap = await prisma.capUsage.findUnique({ where: { userId_period: { userId: heavy.id, period: period() } } });
    expect(cap?.alert80At).not.toBeNull();
    expect(cap?.alert100At).not.toBeNull();
  });

  it("keeps cap usage exact when batches for one person arrive concurrently", async () => {
    const busy = await createPerson("busy@example.com", "E-BUSY", ["engineer"], fx.team.id, fx.manager.id);
    const shared = Array.from({ length: 50 }, () => usageEvent({ user: busy.email, inputTokens: 100, outputTokens: 10 }));
    const batches = Array.from({ length: 6 }, (_, i) => [
      ...shared.slice(i * 5, i * 5 + 20),
      ...Array.from({ length: 30 }, () => usageEvent({ user: busy.email, inputTokens: 100, outputTokens: 10 })),
    ]);
    const results = await Promise.all(batches.map((b) => ingestUsageEvents(b)));
    const accepted = results.reduce((s, r) => s + r.accepted, 0);
    const stored = await prisma.usageEvent.count({ where: { userId: busy.id } });
    const distinct = new Set(batches.flat().map((e) => e.id)).size;
    expect(stored).toBe(distinct);
    expect(accepted).toBe(distinct);
    expect(results.reduce((s, r) => s + r.accepted + r.duplicates, 0)).toBe(batches.flat().length);
    expect(await usedTokens(busy.id)).toBe(distinct * 110);
    const daily = await prisma.usageDailyRecent.aggregate({ where: { userId: busy.id }, _sum: { events: true } });
    expect(daily._sum.events).toBe(distinct);
  });
});

async function usedTokens(userId: string) {
  const cap = await prisma.capUsage.findUnique({ where: { userId_period: { userId, period: period() } } });
  return Number(cap?.usedTokens ?? 0);
}
