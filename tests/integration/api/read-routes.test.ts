import { beforeAll, describe, expect, it } from "vitest";
import { callMachineApi } from "../../support/machine-api";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture, usageEvent } from "../usage/gateway-fixture";

useTestDb();
let readKey: string;
let decideKey: string;
beforeAll(async () => {
  await createGatewayFixture();
  readKey = (await createApiKey(["read"])).key;
  decideKey = (await createApiKey(["decide"])).key;
  await ingestUsageEvents([usageEvent({ inputTokens: 100, outputTokens: 1 }), usageEvent({ tool: "metacode", inputTokens: 50, outputTokens: 0 })]);
});

const get = (url: string, headers: Record<string, string> = {}, key = readKey) =>
  callMachineApi(new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${key}`, ...headers } }));

describe("read endpoints", () => {
  it("summarises usage from the rollups, as JSON or CSV", async () => {
    const res = await get("/api/v1/usage/summary?groupBy=tool");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rows.map((r: { label: string; tokens: number }) => [r.label, r.tokens])).toEqual([
      ["Claude Code", 101],
      ["MetaCode", 50],
    ]);
    const csv = await get("/api/v1/usage/summary?groupBy=user", { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[1]).toMatch(/^[\w-]+,engineer@example.com,2,150,1,151,/);
  });

  it("answers 400 naming a bad query parameter, 404 for an unknown team", async () => {
    const bad = await get("/api/v1/usage/summary?groupBy=planet&from=2026-13-01");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["from", "groupBy"]);
    expect((await get("/api/v1/usage/summary?team=atlantis")).status).toBe(404);
  });

  it("pages through the audit log and verifies the chain", async () => {
    const page = await (await get("/api/v1/audit?after=0&limit=1")).json();
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ seq: 1, action: "usage.ingested" });
    expect((await get("/api/v1/audit?format=csv")).headers.get("content-type")).toContain("text/csv");
    expect(await (await get("/api/v1/audit/verify")).json()).toEqual({ ok: true, entries: 1 });
  });

  it("needs the read scope", async () => {
    expect((await get("/api/v1/audit", {}, decideKey)).status).toBe(403);
  });
});
