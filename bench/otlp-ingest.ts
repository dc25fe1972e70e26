// OTLP receiver versus the native ingestion API, on the same events in the same run: batches of BENCH_BATCH
// events (the seeded usage's people, tools, activities, projects and token sizes, for Claude Code, Codex and
// Gemini CLI) sent as
//   1. POST /api/v1/usage-events (JSON array),
//   2. POST /otlp/v1/logs as OTLP/JSON, each event a log record shaped as its tool documents it,
//   3. POST /otlp/v1/logs as OTLP protobuf (gzip),
// each phase for BENCH_SECONDS with new ids, through `npm start`'s server. Prints events/s per phase and the
// ratio of each OTLP phase's cost to the native path's (the receiver should cost at most 1.3x).
// Run: DATABASE_URL=... SEED_API_KEY=... npx tsx --conditions=react-server bench/otlp-ingest.ts
// (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_BATCH, BENCH_ROUNDS, BENCH_ORDER=reverse; MACHINE_API_ONLY=true needs no `next build`)
// BENCH_IN_PROCESS=1 (with `npx tsx --conditions=react-server`) calls the same lib/ functions without HTTP instead:
// ingestUsageEvents() against handleOtlpLogs() on JSON and gzipped protobuf bodies, one batch at a time.
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { benchConfig, httpPoster, runClosedLoop, sampleUsageShape, startServer, type ShapeRow } from "./support";

const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const TOOLS = new Set(["claude-code", "codex", "gemini-cli"]);

type Kv = { key: string; value: { stringValue?: string; intValue?: string } };
const str = (key: string, v: string): Kv => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): Kv => ({ key, value: { intValue: String(v) } });

/** One event as its tool's own log record (Claude Code's api_request, Codex's completed SSE event, Gemini CLI's api_response). */
function toolRecord(e: ShapeRow, id: string, at: Date) {
  const common = [str("user.email", e.user), str("event.timestamp", at.toISOString())];
  const timeUnixNano = String(BigInt(at.getTime()) * 1_000_000n);
  if (e.tool === "claude-code") {
    return {
      timeUnixNano,
      body: { stringValue: "claude_code.api_request" },
      attributes: [...common, str("event.name", "api_request"), str("session.id", id), str("event.sequence", "1"), str("model", "claude-sonnet-4-5"), str("input_tokens", String(e.inputTokens)), str("output_tokens", String(e.outputTokens))],
    };
  }
  if (e.tool === "codex") {
    return {
      timeUnixNano,
      attributes: [...common, str("event.name", "codex.sse_event"), str("event.kind", "response.completed"), str("conversation.id", id), str("model", "gpt-5-codex"), int("input_token_count", e.inputTokens), int("output_token_count", e.outputTokens)],
    };
  }
  return {
    timeUnixNano,
    attributes: [...common, str("event.name", "gemini_cli.api_response"), str("session.id", id), str("prompt_id", "p"), str("model", "gemini-2.5-pro"), int("input_token_count", e.inputTokens), int("output_token_count", e.outputTokens)],
  };
}

const SERVICE: Record<string, string> = { "claude-code": "claude-code", codex: "codex_cli_rs", "gemini-cli": "gemini-cli" };

/** The same events as an ExportLogsServiceRequest: one resource per (tool, project, activity), as tools configured per repository send them. */
function otlpRequest(events: { e: ShapeRow; id: string; at: Date }[]) {
  const groups = new Map<string, { e: ShapeRow; id: string; at: Date }[]>();
  for (const x of events) {
    const k = `${x.e.tool}|${x.e.project ?? ""}|${x.e.activity}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(x);
  }
  return {
    resourceLogs: [...groups.values()].map((xs) => {
      const { tool, project, activity } = xs[0].e;
      const attributes = [str("service.name", SERVICE[tool]), str("guardrail.activity", activity), ...(project ? [str("guardrail.project", project)] : [])];
      return { resource: { attributes }, scopeLogs: [{ scope: { name: tool }, logRecords: xs.map((x) => toolRecord(x.e, x.id, x.at)) }] };
    }),
  };
}

function protoEncoder() {
  const root = new protobuf.Root();
  const dir = fileURLToPath(new URL("../lib/otlp/proto/", import.meta.url));
  root.resolvePath = (_o, target) => (target.startsWith("/") ? target : dir + target);
  root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
  const type = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
  return (request: unknown) => Buffer.from(type.encode(type.fromObject(request as Record<string, unknown>)).finish());
}

async function inProcess(events: () => { e: ShapeRow; id: string; at: Date }[], encode: (r: unknown) => Buffer) {
  const { authenticateApiKey } = await import("@/lib/api-keys/authenticate-api-key");
  const { ingestUsageEvents } = await import("@/lib/usage/ingest-events");
  const { handleOtlpLogs } = await import("@/lib/otlp/handle-otlp-logs");
  const { closeDb } = await import("@/lib/db/client");
  const principal = await authenticateApiKey(`Bearer ${benchConfig.apiKey}`, "ingest");
  const phases: [string, () => Promise<unknown>][] = [
    ["native ingestUsageEvents()", () => ingestUsageEvents(events().map(({ e, id, at }) => ({ id, occurredAt: at.toISOString(), ...e, project: e.project ?? undefined, source: "bench" })), { apiKeyId: principal.id })],
    ["OTLP handleOtlpLogs() (JSON)", () => handleOtlpLogs({ body: Buffer.from(JSON.stringify(otlpRequest(events()))), contentType: "application/json", contentEncoding: null }, principal)],
    ["OTLP handleOtlpLogs() (protobuf, gzip)", () => handleOtlpLogs({ body: gzipSync(encode(otlpRequest(events()))), contentType: "application/x-protobuf", contentEncoding: "gzip" }, principal)],
  ];
  const rates: number[] = [];
  for (const [label, run] of phases) {
    await run(); // warm-up
    const t0 = performance.now();
    let batches = 0;
    while (performance.now() - t0 < benchConfig.durationMs) {
      await run();
      batches++;
    }
    const perSecond = (batches * BATCH) / ((performance.now() - t0) / 1000);
    rates.push(perSecond);
    console.log(`${label}: ${Math.round(perSecond).toLocaleString("en-US")} events/s (${batches} batches of ${BATCH})`);
  }
  for (let i = 1; i < rates.length; i++) console.log(`${phases[i][0]}: ${(rates[0] / rates[i]).toFixed(2)}x the native path's time per event`);
  await closeDb();
}

async function main() {
  if (!benchConfig.apiKey) throw new Error("Set SEED_API_KEY (or BENCH_API_KEY) to a key with the ingest scope.");
  const shape = (await sampleUsageShape(20_000)).filter((e) => TOOLS.has(e.tool));
  if (!shape.length) throw new Error("No seeded Claude Code, Codex or Gemini CLI usage to replay.");
  const run = `o${Date.now().toString(36)}`;
  let n = 0;
  const nextEvents = () => {
    const now = Date.now();
    return Array.from({ length: BATCH }, () => {
      const e = shape[n % shape.length];
      n++;
      return { e, id: `${run}-${n}`, at: new Date(now - (n % 7200) * 1000) };
    });
  };
  const encode = protoEncoder();
  if (process.env.BENCH_IN_PROCESS === "1") return inProcess(nextEvents, encode);
  const server = await startServer();
  const auth = { Authorization: `Bearer ${benchConfig.apiKey}` };
  const native = httpPoster(server.url, { ...auth, "Content-Type": "application/json" }, benchConfig.concurrency);
  const otlpJson = httpPoster(server.url, { ...auth, "Content-Type": "application/json" }, benchConfig.concurrency);
  const otlpProto = httpPoster(server.url, { ...auth, "Content-Type": "application/x-protobuf", "Content-Encoding": "gzip" }, benchConfig.concurrency);
  const phases: [string, () => Promise<{ status: number; body: string }>][] = [
    ["native /api/v1/usage-events (JSON)", () => native("/api/v1/usage-events", JSON.stringify(nextEvents().map(({ e, id, at }) => ({ id, occurredAt: at.toISOString(), ...e, project: e.project ?? undefined, source: "bench" }))))],
    ["OTLP /otlp/v1/logs (JSON)", () => otlpJson("/otlp/v1/logs", JSON.stringify(otlpRequest(nextEvents())))],
    ["OTLP /otlp/v1/logs (protobuf, gzip)", () => otlpProto("/otlp/v1/logs", gzipSync(encode(otlpRequest(nextEvents()))))],
  ];
  // BENCH_ORDER=reverse measures the protobuf phase first. BENCH_ROUNDS=n splits each phase's BENCH_SECONDS into n
  // rounds, the phases taking turns (forward, then backward): on a shared machine the load drifts within a run, and
  // whichever path runs first or last would otherwise take the drift alone.
  if (process.env.BENCH_ORDER === "reverse") phases.reverse();
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
  const totals = new Map(phases.map(([label]) => [label, { requests: 0, seconds: 0, cpu: 0, p99: 0, statuses: {} as Record<string, number> }]));
  try {
    // Every path warms up before any is measured, so the first measured phase does not pay for the shared JIT work.
    for (const [, send] of phases) await runClosedLoop(Math.min(4, benchConfig.concurrency), 3000, send);
    for (let round = 0; round < rounds; round++) {
      for (const [label, send] of round % 2 ? [...phases].reverse() : phases) {
        server.resetPeak();
        const stats = await runClosedLoop(benchConfig.concurrency, benchConfig.durationMs / rounds, send);
        const t = totals.get(label)!;
        // Only answered batches count (a keep-alive socket the server closed while another path ran is a network error).
        t.requests += stats.requests - stats.errors;
        t.seconds += stats.seconds;
        t.cpu += server.cpuSecondsSinceReset();
        t.p99 = Math.max(t.p99, stats.p99);
        for (const [k, n] of Object.entries(stats.statuses)) t.statuses[k] = (t.statuses[k] ?? 0) + n;
      }
    }
    const results = phases.map(([label]) => {
      const t = totals.get(label)!;
      const eventsPerSecond = (t.requests * BATCH) / t.seconds;
      const cpuMsPer1000 = (t.cpu * 1000 * 1000) / Math.max(1, t.requests * BATCH);
      console.log(
        `${label}, ${benchConfig.concurrency} connections, ${rounds} round(s): events/s ${Math.round(eventsPerSecond).toLocaleString("en-US")} | batches ${t.requests} of ${BATCH} | worst p99 ms ${t.p99.toFixed(0)} | server CPU ms per 1000 events ${cpuMsPer1000.toFixed(1)} | peak RSS MB (all / largest process) ${server.peakRssMb()} / ${server.peakProcessRssMb()} | statuses ${JSON.stringify(t.statuses)}`,
      );
      return { label, eventsPerSecond, cpuMsPer1000 };
    });
    const base = results.find((r) => r.label.startsWith("native"))!;
    for (const r of results.filter((x) => x !== base)) {
      console.log(`${r.label}: ${(base.eventsPerSecond / r.eventsPerSecond).toFixed(2)}x the native path's time per event, ${(r.cpuMsPer1000 / base.cpuMsPer1000).toFixed(2)}x its server CPU per event`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
