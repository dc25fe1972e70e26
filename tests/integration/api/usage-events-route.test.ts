import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { invalidateApiKeyCache } from "@/lib/api-keys/authenticate-api-key";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture, usageEvent } from "../usage/gateway-fixture";

useTestDb();
let ingestKey: string;
let decideOnlyKey: string;

beforeAll(async () => {
  await createGatewayFixture();
  ingestKey = (await createApiKey(["ingest"])).key;
  decideOnlyKey = (await createApiKey(["decide"])).key;
});

function post(body: string, headers: Record<string, string> = {}, key: string | null = ingestKey) {
  return callMachineApi(
    new Request("http://localhost/api/v1/usage-events", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    }),
  );
}

async function storedIds(ids: string[]) {
  const rows = await prisma.usageEvent.findMany({ where: { externalId: { in: ids } }, select: { externalId: true } });
  return rows.map((r) => r.externalId).sort();
}

describe("POST /api/v1/usage-events", () => {
  it("accepts a JSON array and answers per line", async () => {
    const events = [usageEvent(), usageEvent({ inputTokens: -1 })];
    const res = await post(JSON.stringify(events));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, id: events[1].id, errors: [{ path: "inputTokens", message: "must be a non-negative integer" }] }],
      outcomes: { allowed: 1, allowed_by_grant: 0, over_cap: 0, violation: 0 },
    });
    expect(await storedIds(events.map((e) => e.id))).toEqual([events[0].id]);
    const event = await prisma.usageEvent.findUnique({ where: { externalId: events[0].id } });
    expect(event?.apiKeyId).not.toBeNull();
  });

  it("rejects a line the columns cannot hold (cost, date) and stores the valid ones beside it", async () => {
    const events = [usageEvent({ costUsd: 100_000_000 }), usageEvent(), usageEvent({ occurredAt: "0000-06-01T00:00:00Z" })];
    const res = await post(JSON.stringify(events));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, id: events[0].id, errors: [{ path: "costUsd", message: "must be at most 99999999.999999" }] },
      { index: 2, id: events[2].id, errors: [{ path: "occurredAt", message: "must not be before 2000-01-01" }] },
    ]);
    expect(await storedIds(events.map((e) => e.id))).toEqual([events[1].id]);
  });

  it("accepts NDJSON and reports the lines that are not JSON or have wrong types", async () => {
    const a = usageEvent();
    const b = usageEvent({ outputTokens: "lots" });
    const c = usageEvent({ user: "E-ENG" });
    const body = [JSON.stringify(a), "{not json", JSON.stringify(b), "", JSON.stringify(c)].join("\n");
    const res = await post(body, { "content-type": "application/x-ndjson" });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.accepted).toBe(2);
    expect(json.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(json.rejected[0].errors[0]).toEqual({ path: "(line)", message: "not valid JSON" });
    expect(json.rejected[1].errors[0].path).toBe("outputTokens");
    expect(await storedIds([a.id, b.id, c.id])).toEqual([a.id, c.id].sort());
  });

  it("rejects unknown users, tools and projects line by line", async () => {
    const events = [usageEvent({ user: "ghost@example.com" }), usageEvent({ tool: "nope" }), usageEvent({ project: "secret-x" })];
    const json = await (await post(JSON.stringify(events))).json();
    expect(json.accepted).toBe(0);
    expect(json.rejected.map((r: { errors: { path: string }[] }) => r.errors[0].path)).toEqual(["user", "tool", "project"]);
    expect(await storedIds(events.map((e) => e.id))).toEqual([]);
  });

  it("counts a retried batch once and reports duplicates inside a batch", async () => {
    const events = [usageEvent(), usageEvent()];
    const first = await (await post(JSON.stringify([...events, events[0]]))).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    const retry = await (await post(JSON.stringify(events))).json();
    expect(retry).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await prisma.usageEvent.count({ where: { externalId: { in: events.map((e) => e.id) } } })).toBe(2);
  });

  it("answers 400 to a body that is not JSON at all, and to a JSON object", async () => {
    const before = await prisma.usageEvent.count();
    for (const body of ["this is not json", "{\"id\": 1}", ""]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("invalid_json");
      expect(typeof json.error.message).toBe("string");
      expect(Array.isArray(json.error.fields)).toBe(true);
    }
    expect(await prisma.usageEvent.count()).toBe(before);
  });

  it("answers 413 and stores nothing for more than 10,000 events or 10 MB", async () => {
    const before = await prisma.usageEvent.count();
    const many = Array.from({ length: 10_001 }, () => usageEvent());
    const res = await post(JSON.stringify(many));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");

    const huge = [usageEvent({ source: "x".repeat(100) })].concat(Array.from({ length: 9000 }, () => usageEvent({ sessionId: "s".repeat(1200) })));
    const big = JSON.stringify(huge);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const res2 = await post(big);
    expect(res2.status).toBe(413);
    expect((await res2.json()).error.message).toBe("The body is larger than 10 MB. Nothing was stored; send smaller batches.");
    expect(await prisma.usageEvent.count()).toBe(before);
  });

  it("answers 401 without a key, with an unknown key and with a revoked key; 403 without the scope", async () => {
    const event = usageEvent();
    expect((await post(JSON.stringify([event]), {}, null)).status).toBe(401);
    expect((await post(JSON.stringify([event]), {}, "grk_not-a-real-key")).status).toBe(401);
    const forbidden = await post(JSON.stringify([event]), {}, decideOnlyKey);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");

    const { key, id } = await createApiKey(["ingest"], "to revoke");
    expect((await post(JSON.stringify([usageEvent()]), {}, key)).status).toBe(200);
    await prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    invalidateApiKeyCache();
    const revoked = await post(JSON.stringify([event]), {}, key);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toMatch(/revoked/);
    expect(await storedIds([event.id])).toEqual([]);
  });
});
