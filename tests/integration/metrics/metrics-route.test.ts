import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { callMachineApi } from "../../support/machine-api";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture, usageEvent } from "../usage/gateway-fixture";

// GET /metrics through the real Fastify app: off without METRICS_TOKEN, 401 without it, and the counters move by
// exactly what one decision and one ingest batch did.
useTestDb();
const TOKEN = "test-metrics-token-5b1e0c2d";
let key: string;

beforeAll(async () => {
  await createGatewayFixture();
  key = (await createApiKey(["decide", "ingest"])).key;
});

afterEach(() => {
  env.METRICS_TOKEN = undefined;
});

function scrape(authorization?: string) {
  return callMachineApi(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));
}

/** The samples of a scrape, by series ("name{labels}" as written): a series absent is 0. */
async function samples(): Promise<((series: string) => number) & { has: (series: string) => boolean }> {
  const res = await scrape(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  const map = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return Object.assign((series: string) => map.get(series) ?? 0, { has: (series: string) => map.has(series) });
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return callMachineApi(
    new Request(`http://localhost${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers } }),
  );
}

// Claude Code's hook input (hooks reference: the common fields plus UserPromptSubmit's prompt), sent by a gateway
// key that names the person, project and activity in the hook's headers.
function hookCall(event: string, user: string) {
  const input = { session_id: "abc123", transcript_path: "/home/ana/.claude/projects/x/abc123.jsonl", cwd: "/home/ana/src/infra-ci", permission_mode: "default", hook_event_name: event, prompt: "Fix the flaky cache test" };
  return post("/api/v1/hooks/claude-code", input, { "x-guardrail-user": user, "x-guardrail-project": "infra-ci", "x-guardrail-activity": "test-infrastructure" });
}

describe("GET /metrics", () => {
  it("answers 404 while METRICS_TOKEN is unset, even to a valid API key", async () => {
    env.METRICS_TOKEN = undefined;
    expect((await scrape()).status).toBe(404);
    const res = await scrape(`Bearer ${key}`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("answers 401 without the token or with a wrong one", async () => {
    env.METRICS_TOKEN = TOKEN;
    expect((await scrape()).status).toBe(401);
    const wrong = await scrape(`Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    expect((await scrape(`Bearer ${key}`)).status).toBe(401);
  });

  it("counts two decisions, one reservation batch and one ingest batch exactly", async () => {
    env.METRICS_TOKEN = TOKEN;
    const before = await samples();
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);

    const decision = await post("/api/v1/decisions", { user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" });
    expect((await decision.json()).decision).toBe("allow");
    const reserving = await post("/api/v1/decisions", { user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci", estimatedTokens: 1000 });
    expect((await reserving.json()).decision).toBe("allow");
    const stored = usageEvent();
    await post("/api/v1/usage-events", [stored]);
    const batch = await post("/api/v1/usage-events", [usageEvent(), usageEvent({ inputTokens: -1 }), stored]);
    expect(await batch.json()).toMatchObject({ accepted: 1, duplicates: 1, rejected: [{ index: 1 }] });

    const after = await samples();
    const moved = (series: string) => after(series) - before(series);
    expect(moved('guardrail_decisions_total{endpoint="decisions",outcome="allow",reason="allowed_by_policy"}')).toBe(2);
    expect(moved('guardrail_decision_duration_seconds_count{endpoint="decisions"}')).toBe(2);
    // The decision with an estimate reserved it in a batch of its own.
    expect(moved('guardrail_cap_reservation_batches{figure="batches"}')).toBe(1);
    expect(moved('guardrail_cap_reservation_batches{figure="reservations"}')).toBe(1);
    expect(after('guardrail_cap_reservation_batches{figure="largest"}')).toBeGreaterThanOrEqual(1);
    expect(moved('guardrail_usage_events_total{result="accepted"}')).toBe(2);
    expect(moved('guardrail_usage_events_total{result="duplicate"}')).toBe(1);
    expect(moved('guardrail_usage_events_total{result="rejected"}')).toBe(1);
    expect(moved("guardrail_ingest_batch_duration_seconds_count")).toBe(2);
    expect(after('guardrail_ingest_queue_depth{state="active"}')).toBe(0);
    expect(after.has('guardrail_notifications_outbox{state="pending"}')).toBe(true);
    expect(after('guardrail_notifications_outbox{state="dead"}')).toBe(0);
    expect(after("process_resident_memory_bytes")).toBeGreaterThan(0);
    // The pool's counts on PostgreSQL (TEST_DATABASE_URL); the embedded database has no pool.
    if (process.env.TEST_DATABASE_URL) {
      expect(after('guardrail_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      expect(after.has('guardrail_db_pool_connections{state="waiting"}')).toBe(true);
    } else expect(after.has('guardrail_db_pool_connections{state="total"}')).toBe(false);
  });

  it("counts the Claude Code hook's decisions under their own endpoint, the fail-closed ones included", async () => {
    env.METRICS_TOKEN = TOKEN;
    const before = await samples();
    const allowed = await hookCall("UserPromptSubmit", "engineer@example.com");
    expect(await allowed.json()).toEqual({});
    const stranger = await hookCall("UserPromptSubmit", "stranger@example.com");
    expect((await stranger.json()).decision).toBe("block");
    // An event the hook does not handle asks nothing: no decision.
    const stop = await hookCall("Stop", "engineer@example.com");
    expect(await stop.json()).toEqual({});

    const after = await samples();
    const moved = (series: string) => after(series) - before(series);
    expect(moved('guardrail_decisions_total{endpoint="claude_code_hook",outcome="allow",reason="allowed_by_policy"}')).toBe(1);
    expect(moved('guardrail_decisions_total{endpoint="claude_code_hook",outcome="deny",reason="unknown_user"}')).toBe(1);
    expect(moved('guardrail_decision_duration_seconds_count{endpoint="claude_code_hook"}')).toBe(2);
    expect(moved('guardrail_decisions_total{endpoint="decisions",outcome="allow",reason="allowed_by_policy"}')).toBe(0);
    expect(moved('guardrail_decision_duration_seconds_count{endpoint="decisions"}')).toBe(0);
  });
});
