import { beforeAll, describe, expect, it } from "vitest";
import type { Pool } from "pg";
import { setDbHandle } from "@/lib/db/client";
import type { DbHandle } from "@/lib/db/create-client";
import { isMetricsToken } from "@/lib/machine-api/auth/metrics-token";
import { recordDecision, recordIngestBatch, registry, renderMetrics } from "@/lib/metrics/metrics";
import { createLogger, logLevelFrom } from "@/lib/logging/logger";

async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name.replace(/_bucket$/, ""));
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  if (name.endsWith("_bucket")) return values.find((v) => (v as { metricName?: string }).metricName === name && String(v.labels.le) === labels.le)?.value ?? 0;
  const hit = values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return hit?.value ?? 0;
}

// No database here: a stand-in handle with a PostgreSQL pool's counts and an outbox of 3 pending, 1 dead.
beforeAll(() => {
  const groupBy = async () => [
    { status: "pending", _count: { _all: 3 } },
    { status: "dead", _count: { _all: 1 } },
  ];
  const pool = { totalCount: 5, idleCount: 3, waitingCount: 1 } as unknown as Pool;
  setDbHandle({ prisma: { outboxMessage: { groupBy } }, pglite: null, pool, close: async () => {} } as unknown as DbHandle);
});

describe("recordDecision", () => {
  it("counts the decision under its endpoint, outcome and first reason, and observes its latency", async () => {
    const before = await value("guardrail_decisions_total", { endpoint: "decisions", outcome: "deny", reason: "over_cap" });
    const countBefore = await value("guardrail_decision_duration_seconds_bucket", { le: "0.005" });
    recordDecision("decisions", { decision: "deny", reasons: [{ code: "over_cap" }, { code: "unknown_tool" }] }, 0.003);
    expect(await value("guardrail_decisions_total", { endpoint: "decisions", outcome: "deny", reason: "over_cap" })).toBe(before + 1);
    expect(await value("guardrail_decisions_total", { endpoint: "claude_code_hook", outcome: "deny", reason: "over_cap" })).toBe(0);
    expect(await value("guardrail_decisions_total", { outcome: "deny", reason: "unknown_tool" })).toBe(0);
    expect(await value("guardrail_decision_duration_seconds_bucket", { le: "0.005" })).toBe(countBefore + 1);
    expect(await value("guardrail_decision_duration_seconds_bucket", { le: "0.0025" })).toBe(0);
  });

  it("labels a decision without reasons as reason=none", async () => {
    recordDecision("claude_code_hook", { decision: "allow", reasons: [] }, 0.001);
    expect(await value("guardrail_decisions_total", { endpoint: "claude_code_hook", outcome: "allow", reason: "none" })).toBe(1);
    expect(await value("guardrail_decisions_total", { endpoint: "decisions", outcome: "allow", reason: "none" })).toBe(0);
  });
});

describe("recordIngestBatch", () => {
  it("adds accepted, duplicate and rejected events from the ingestion result, and one batch observation", async () => {
    recordIngestBatch({ accepted: 7, duplicates: 2, rejected: [{}, {}, {}] }, 0.2);
    recordIngestBatch({ accepted: 1, duplicates: 0, rejected: [] }, 0.02);
    expect(await value("guardrail_usage_events_total", { result: "accepted" })).toBe(8);
    expect(await value("guardrail_usage_events_total", { result: "duplicate" })).toBe(2);
    expect(await value("guardrail_usage_events_total", { result: "rejected" })).toBe(3);
    const text = (await renderMetrics()).body;
    expect(text).toMatch(/^guardrail_ingest_batch_duration_seconds_count 2$/m);
    expect(text).toMatch(/^guardrail_ingest_batch_duration_seconds_bucket\{le="0.025"\} 1$/m);
  });
});

describe("the exposition", () => {
  it("is Prometheus text with the default process metrics and the ingestion queue", async () => {
    const { contentType, body } = await renderMetrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(body).toMatch(/^guardrail_ingest_queue_depth\{state="waiting"\} 0$/m);
  });

  it("reads the pool's counts and the outbox on scrape", async () => {
    const { body } = await renderMetrics();
    expect(body).toMatch(/^guardrail_db_pool_connections\{state="total"\} 5$/m);
    expect(body).toMatch(/^guardrail_db_pool_connections\{state="idle"\} 3$/m);
    expect(body).toMatch(/^guardrail_db_pool_connections\{state="waiting"\} 1$/m);
    expect(body).toMatch(/^guardrail_notifications_outbox\{state="pending"\} 3$/m);
    expect(body).toMatch(/^guardrail_notifications_outbox\{state="sending"\} 0$/m);
    expect(body).toMatch(/^guardrail_notifications_outbox\{state="dead"\} 1$/m);
  });
});

describe("isMetricsToken", () => {
  it("accepts only Bearer <token>", () => {
    expect(isMetricsToken("Bearer s3cret-token-value", "s3cret-token-value")).toBe(true);
    expect(isMetricsToken("bearer s3cret-token-value", "s3cret-token-value")).toBe(true);
    expect(isMetricsToken("Bearer s3cret-token-valuE", "s3cret-token-value")).toBe(false);
    expect(isMetricsToken("Basic s3cret-token-value", "s3cret-token-value")).toBe(false);
    expect(isMetricsToken(undefined, "s3cret-token-value")).toBe(false);
    expect(isMetricsToken("Bearer ", "s3cret-token-value")).toBe(false);
  });
});

describe("logLevelFrom", () => {
  it("takes a known level, case-insensitively, and falls back to info", () => {
    expect(logLevelFrom("DEBUG")).toBe("debug");
    expect(logLevelFrom("silent")).toBe("silent");
    expect(logLevelFrom("verbose")).toBe("info");
    expect(logLevelFrom(undefined)).toBe("info");
  });
});

describe("createLogger", () => {
  it("writes one JSON object per line with the level as a label, an ISO time and the error's stack", () => {
    const lines: string[] = [];
    const log = createLogger("warn", { write: (line: string) => void lines.push(line) });
    log.info("not at this level");
    log.error({ err: new Error("boom"), ref: "abc123" }, "api error abc123");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: "error", service: "guardrail", ref: "abc123", msg: "api error abc123", err: { type: "Error", message: "boom" } });
    expect(entry.err.stack).toContain("boom");
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });
});
