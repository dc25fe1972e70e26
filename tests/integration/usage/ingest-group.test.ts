import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { ingestGroupStats, ingestUsageEventsInGroup, MAX_QUEUED_EVENTS, queueUsageEvents } from "@/lib/usage/ingest-group";
import type { Actor } from "@/lib/audit/append-audit";
import { useTestDb } from "../../support/test-db";
import { createGatewayFixture, createPerson, usageEvent, type GatewayFixture } from "./gateway-fixture";

// Group commit: requests waiting in one process are stored in one transaction, each answered as if alone.

useTestDb();
let fx: GatewayFixture;
beforeAll(async () => {
  fx = await createGatewayFixture();
});

const ingested = (apiKeyId: string) =>
  prisma.auditEntry.findMany({ where: { action: "usage.ingested", actorId: apiKeyId }, orderBy: { seq: "asc" } });

describe("ingestUsageEventsInGroup", () => {
  it("stores requests queued together as one group, each with its own counts, duplicates and audit entry", async () => {
    const shared = usageEvent();
    const a = [usageEvent(), shared, usageEvent({ activity: "training-data-generation", project: "ads-ranking" })];
    const b = [shared, usageEvent({ user: "nobody@example.com" }), usageEvent(), usageEvent({ inputTokens: -1 })];
    const c = [shared];
    const before = ingestGroupStats();
    const [ra, rb, rc] = await Promise.all([
      ingestUsageEventsInGroup(a, { apiKeyId: "key-a" }),
      ingestUsageEventsInGroup(b, { apiKeyId: "key-b" }),
      ingestUsageEventsInGroup(c, { apiKeyId: "key-c" }),
    ]);
    const after = ingestGroupStats();
    expect(after.groups - before.groups).toBe(1);
    expect(after.requests - before.requests).toBe(3);

    expect(ra).toEqual({ accepted: 3, duplicates: 0, rejected: [], outcomes: { allowed: 2, allowed_by_grant: 0, over_cap: 0, violation: 1 } });
    // The id request a sent first is a duplicate for b and c; b's own bad lines keep b's indexes.
    expect(rb.accepted).toBe(1);
    expect(rb.duplicates).toBe(1);
    expect(rb.rejected.map((r) => [r.index, r.errors[0].path])).toEqual([
      [1, "user"],
      [3, "inputTokens"],
    ]);
    expect(rb.outcomes).toEqual({ allowed: 1, allowed_by_grant: 0, over_cap: 0, violation: 0 });
    expect(rc).toEqual({ accepted: 0, duplicates: 1, rejected: [], outcomes: { allowed: 0, allowed_by_grant: 0, over_cap: 0, violation: 0 } });

    // Every event once, each with the API key of the request that stored it.
    const stored = await prisma.usageEvent.findMany({ where: { externalId: { in: [...a, ...b].map((e) => e.id) } }, select: { externalId: true, apiKeyId: true } });
    expect(new Map(stored.map((e) => [e.externalId, e.apiKeyId]))).toEqual(new Map([...a.map((e) => [e.id, "key-a"] as const), [b[2].id, "key-b"]]));

    // One audit entry per request that stored something, with that request's figures; none for c.
    const [entryA] = await ingested("key-a");
    const [entryB] = await ingested("key-b");
    expect(entryA.data).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0, reviewItems: 1, outcomes: ra.outcomes });
    expect(entryB.data).toMatchObject({ accepted: 1, duplicates: 1, rejected: 2, reviewItems: 0 });
    expect(await ingested("key-c")).toEqual([]);
    expect(entryB.seq).toBe(entryA.seq + 1n);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("counts caps across the group in request order, as if the requests came one after the other", async () => {
    // cap is 1,000,000: a brings 900k; b's first event crosses the cap (allowed), its second is over the cap.
    const p = await createPerson("grouped@example.com", "E-GROUP", ["engineer"], fx.team.id, fx.manager.id);
    const t = Date.now();
    const a = [usageEvent({ user: p.email, inputTokens: 900_000, outputTokens: 0, occurredAt: new Date(t - 60_000).toISOString() })];
    const b = [
      usageEvent({ user: p.email, inputTokens: 200_000, outputTokens: 0, occurredAt: new Date(t - 120_000).toISOString() }),
      usageEvent({ user: p.email, inputTokens: 10, outputTokens: 0, occurredAt: new Date(t - 110_000).toISOString() }),
    ];
    const [ra, rb] = await Promise.all([ingestUsageEventsInGroup(a), ingestUsageEventsInGroup(b)]);
    expect(ra.outcomes).toEqual({ allowed: 1, allowed_by_grant: 0, over_cap: 0, violation: 0 });
    expect(rb.outcomes).toEqual({ allowed: 1, allowed_by_grant: 0, over_cap: 1, violation: 0 });
    const cap = await prisma.capUsage.findFirst({ where: { userId: p.id } });
    expect(Number(cap?.usedTokens)).toBe(1_100_010);
    // The same requests one after the other give the same outcomes.
    const q = await createPerson("serial@example.com", "E-SERIAL", ["engineer"], fx.team.id, fx.manager.id);
    const again = (events: typeof a) => events.map((e) => ({ ...e, id: `${e.id}-serial`, user: q.email }));
    expect((await ingestUsageEvents(again(a))).outcomes).toEqual(ra.outcomes);
    expect((await ingestUsageEvents(again(b))).outcomes).toEqual(rb.outcomes);
  });

  it("when the group's transaction fails, stores each request alone: the failing one gets its error, the others their answers", async () => {
    const good1 = [usageEvent(), usageEvent()];
    const bad = [usageEvent()];
    const good2 = [usageEvent()];
    const before = ingestGroupStats();
    // An actor the audit log does not know: its audit entry cannot be written, so its transaction fails.
    const badActor = { type: "robot", id: "r2" } as unknown as Actor;
    const outcomes = await Promise.allSettled([
      ingestUsageEventsInGroup(good1, { apiKeyId: "key-g1" }),
      ingestUsageEventsInGroup(bad, { actor: badActor }),
      ingestUsageEventsInGroup(good2, { apiKeyId: "key-g2" }),
    ]);
    const after = ingestGroupStats();
    expect(after.groups - before.groups).toBe(1);
    expect(after.retriedAlone - before.retriedAlone).toBe(3);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[0]).toMatchObject({ value: { accepted: 2, duplicates: 0 } });
    expect(outcomes[2]).toMatchObject({ value: { accepted: 1, duplicates: 0 } });
    // Alone, the bad request fails the same way.
    await expect(ingestUsageEvents([usageEvent()], { actor: badActor })).rejects.toThrow();
    // Nothing of the failed request is stored; the others' events are, once, with one audit entry each.
    expect(await prisma.usageEvent.count({ where: { externalId: bad[0].id } })).toBe(0);
    expect(await prisma.usageEvent.count({ where: { externalId: { in: [...good1, ...good2].map((e) => e.id) } } })).toBe(3);
    expect(await ingested("key-g1")).toHaveLength(1);
    expect(await ingested("key-g2")).toHaveLength(1);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("a request alone is answered exactly as ingestUsageEvents answers it", async () => {
    const e = usageEvent();
    const first = await ingestUsageEventsInGroup([e, e, usageEvent({ tool: "nope" })]);
    expect(first).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [{ index: 2, id: expect.any(String), errors: [{ path: "tool", message: expect.stringContaining("unknown") }] }],
      outcomes: { allowed: 1, allowed_by_grant: 0, over_cap: 0, violation: 0 },
    });
    expect(await ingestUsageEventsInGroup([e])).toEqual(await ingestUsageEvents([e]));
  });
});

describe("queueUsageEvents", () => {
  it("queues at most MAX_QUEUED_EVENTS events: a request waits for room, then is stored in its own group", async () => {
    const size = Math.floor(MAX_QUEUED_EVENTS / 2) + 100;
    const requests = Array.from({ length: 3 }, () => Array.from({ length: size }, () => usageEvent({ inputTokens: 1, outputTokens: 1 })));
    const before = ingestGroupStats();
    const pending = requests.map((events) => queueUsageEvents(events, { apiKeyId: "key-room" }));
    // The first is queued at once; the two others wait for room (their callers keep their ingest slots meanwhile).
    expect(ingestGroupStats().waitingForRoom).toBe(2);
    await pending[0].queued;
    const results = await Promise.all(pending.map((p) => p.result));
    expect(results.map((r) => r.accepted)).toEqual([size, size, size]);
    const after = ingestGroupStats();
    expect(after.groups - before.groups).toBe(3);
    expect(after.waitingForRoom).toBe(0);
    expect(await prisma.usageEvent.count({ where: { apiKeyId: "key-room" } })).toBe(3 * size);
  });
});
