import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { dbHandle, prisma } from "@/lib/db/client";
import { logger } from "@/lib/logging/logger";
import { ingestQueueDepth } from "@/lib/usage/ingest-gate";
import { capCounterCacheStats } from "@/lib/caps/cap-counter-cache";
import { unknownNameStats } from "@/lib/policy/unknown-names";
import { reservationBatchStats } from "@/lib/caps/cap-usage";

// Prometheus metrics of this process (GET /metrics, lib/machine-api/routes/metrics.ts). The hot paths only bump
// counters and observe histograms (in memory, no I/O); gauges that need a look elsewhere (the ingestion queue,
// the connection pool, the notification outbox) are read when Prometheus scrapes. Each `npm start` worker has
// its own registry: a scrape reaches one worker (see README "Metrics").

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Where a decision was asked: POST /api/v1/decisions, or Claude Code's hook (POST /api/v1/hooks/claude-code). */
export type DecisionEndpoint = "decisions" | "claude_code_hook";

const decisions = new Counter({
  name: "guardrail_decisions_total",
  help: "Decisions answered, by endpoint (decisions: POST /api/v1/decisions; claude_code_hook: POST /api/v1/hooks/claude-code), outcome and first reason code.",
  labelNames: ["endpoint", "outcome", "reason"] as const,
  registers: [registry],
});

const decisionSeconds = new Histogram({
  name: "guardrail_decision_duration_seconds",
  help: "Time to answer a decision (after authentication), in seconds, by endpoint.",
  labelNames: ["endpoint"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const ingestedEvents = new Counter({
  name: "guardrail_usage_events_total",
  help: "Usage events received by POST /api/v1/usage-events, by result: accepted (stored), duplicate, rejected.",
  labelNames: ["result"] as const,
  registers: [registry],
});

const batchSeconds = new Histogram({
  name: "guardrail_ingest_batch_duration_seconds",
  help: "Time to process one usage-event batch (reading, validating and storing it), in seconds.",
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

new Gauge({
  name: "guardrail_ingest_queue_depth",
  help: "Usage-event batches in this process: being processed (state=active) or waiting for a slot (state=waiting).",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    const { active, waiting } = ingestQueueDepth();
    this.set({ state: "active" }, active);
    this.set({ state: "waiting" }, waiting);
  },
});

new Gauge({
  name: "guardrail_db_pool_connections",
  help: "PostgreSQL connections of this process's pool: total open, idle, and waiting (requests queued for one). Absent on the embedded database.",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    this.reset();
    const pool = dbHandle().pool;
    if (!pool) return;
    this.set({ state: "total" }, pool.totalCount);
    this.set({ state: "idle" }, pool.idleCount);
    this.set({ state: "waiting" }, pool.waitingCount);
  },
});

new Gauge({
  name: "guardrail_cap_counter_cache",
  help: "Cap counters this worker holds in memory for decisions: listening (1 while it LISTENs for changes, else every decision reads the database), entries, and since start hits, misses, notifications, lost connections and entries kept across this worker's own reservations.",
  labelNames: ["figure"] as const,
  registers: [registry],
  collect() {
    const s = capCounterCacheStats();
    this.set({ figure: "listening" }, s.listening ? 1 : 0);
    for (const figure of ["entries", "hits", "misses", "notifications", "losses", "kept"] as const) this.set({ figure }, s[figure]);
  },
});

new Gauge({
  name: "guardrail_unknown_names",
  help: "Names nobody has that this worker remembers, so a decision naming one needs no database look-up: listening (1 while it LISTENs for changes to people, else every unknown name is looked up), names, and since start hits, misses, notifications and lost connections.",
  labelNames: ["figure"] as const,
  registers: [registry],
  collect() {
    const s = unknownNameStats();
    this.set({ figure: "listening" }, s.listening ? 1 : 0);
    for (const figure of ["names", "hits", "misses", "notifications", "losses"] as const) this.set({ figure }, s[figure]);
  },
});

new Gauge({
  name: "guardrail_cap_reservation_batches",
  help: "Reservations against the external cap this worker sent to the database in batches since it started: batches, reservations, and the largest batch.",
  labelNames: ["figure"] as const,
  registers: [registry],
  collect() {
    const s = reservationBatchStats();
    for (const figure of ["batches", "reservations", "largest"] as const) this.set({ figure }, s[figure]);
  },
});

const OUTBOX_STATES = ["pending", "sending", "dead"] as const;

new Gauge({
  name: "guardrail_notifications_outbox",
  help: "Notification deliveries in the outbox (email, Slack, webhooks): pending, sending, or dead (failed after every retry).",
  labelNames: ["state"] as const,
  registers: [registry],
  async collect() {
    try {
      const rows = await prisma.outboxMessage.groupBy({ by: ["status"], where: { status: { in: [...OUTBOX_STATES] } }, _count: { _all: true } });
      for (const state of OUTBOX_STATES) this.set({ state }, rows.find((r) => r.status === state)?._count._all ?? 0);
    } catch (err) {
      // The scrape still answers (the other metrics are in memory); the gauge keeps its last values.
      logger.warn({ err }, "reading the notification outbox for /metrics failed");
    }
  },
});

/** Records one answered decision: where it was asked, its outcome, its first reason code ("none" without one) and how long it took. */
export function recordDecision(endpoint: DecisionEndpoint, result: { decision: string; reasons: readonly { code: string }[] }, seconds: number): void {
  decisions.inc({ endpoint, outcome: result.decision, reason: result.reasons[0]?.code ?? "none" });
  decisionSeconds.observe({ endpoint }, seconds);
}

/** Records one processed usage-event batch from its ingestion result, and how long it took. */
export function recordIngestBatch(result: { accepted: number; duplicates: number; rejected: readonly unknown[] }, seconds: number): void {
  if (result.accepted) ingestedEvents.inc({ result: "accepted" }, result.accepted);
  if (result.duplicates) ingestedEvents.inc({ result: "duplicate" }, result.duplicates);
  if (result.rejected.length) ingestedEvents.inc({ result: "rejected" }, result.rejected.length);
  batchSeconds.observe(seconds);
}

/** Seconds since a process.hrtime.bigint() start. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The metrics in the Prometheus text exposition format, and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
