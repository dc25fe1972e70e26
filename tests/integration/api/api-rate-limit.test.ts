import { beforeAll, describe, expect, it, vi } from "vitest";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";

// A small budget for this file only: 3 requests at once, then one per second, per key.
vi.hoisted(() => {
  process.env.API_RATE_BURST = "3";
  process.env.API_RATE_PER_SECOND = "1";
});

useTestDb();
let keyA: string;
let keyB: string;

beforeAll(async () => {
  await createGatewayFixture();
  keyA = (await createApiKey(["decide"])).key;
  keyB = (await createApiKey(["decide"])).key;
  // Warm up (the app, the policy snapshot) with a third key, so the budget below is spent within well under a second.
  expect((await ask((await createApiKey(["decide"])).key)).status).toBe(200);
});

const ask = (key: string) =>
  callMachineApi(
    new Request("http://localhost/api/v1/decisions", {
      method: "POST",
      body: JSON.stringify({ user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    }),
  );

describe("API rate limit per key", () => {
  it("answers 429 with Retry-After and the error body once a key has used its budget; other keys are unaffected", async () => {
    const first = await Promise.all([ask(keyA), ask(keyA), ask(keyA)]);
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const limited = await ask(keyA);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/retry after \d+ s/), fields: [] } });
    expect(limited.headers.get("x-request-id")).toBeTruthy();
    expect((await ask(keyB)).status).toBe(200);
  });
});
