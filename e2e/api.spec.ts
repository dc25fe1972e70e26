import { test, expect } from "./fixtures";

// The machine API against the running app with the seed's key: contract shapes and the documented errors.
test("decisions, usage events and the OpenAPI document answer as API.md says", async ({ request, apiHeaders }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const openapi = await doc.json();
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/decisions", "/api/v1/usage-events", "/api/v1/usage/summary", "/api/v1/audit", "/api/v1/audit/verify"]));

  const denied = await request.post("/api/v1/decisions", {
    headers: apiHeaders,
    data: { user: "engineer@example.com", tool: "claude-code", activity: "training-data-generation", project: "ads-ranking" },
  });
  expect(denied.status()).toBe(200);
  const deny = await denied.json();
  expect(deny.decision).toBe("deny");
  expect(deny.reasons[0].code).toBe("prohibited_activity");
  expect(deny.clauses.length).toBeGreaterThan(0);

  const unknown = await (await request.post("/api/v1/decisions", { headers: apiHeaders, data: { user: "nobody@example.com", tool: "claude-code", activity: "documentation" } })).json();
  expect(unknown).toMatchObject({ decision: "deny", reasons: [{ code: "unknown_user" }] });

  const id = `e2e-${Date.now()}`;
  const line = { id, occurredAt: new Date().toISOString(), user: "engineer@example.com", tool: "metacode", activity: "documentation", inputTokens: 10, outputTokens: 5 };
  const ndjson = `${JSON.stringify(line)}\n{broken\n`;
  const ingest = await request.post("/api/v1/usage-events", { headers: { ...apiHeaders, "Content-Type": "application/x-ndjson" }, data: ndjson });
  expect(ingest.status()).toBe(200);
  expect(await ingest.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1 }] });
  const again = await request.post("/api/v1/usage-events", { headers: apiHeaders, data: [line] });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });

  expect((await request.post("/api/v1/usage-events", { headers: apiHeaders, data: "not json" })).status()).toBe(400);
  expect((await request.post("/api/v1/decisions", { data: { user: "x", tool: "y", activity: "z" } })).status()).toBe(401);

  const csv = await request.get("/api/v1/usage/summary?groupBy=tool", { headers: { ...apiHeaders, Accept: "text/csv" } });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("key,label,events,inputTokens,outputTokens,tokens,costUsd,violations,overCapEvents");
});
