import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeverityNumber, type LogRecord } from "@opentelemetry/api-logs";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { prisma } from "@/lib/db/client";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { findEventRows } from "@/lib/review/event-rows";
import { decodeLogsResponse } from "@/lib/otlp/decode-logs";
import { addRepositoryMapping, setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { useTestDb } from "../../support/test-db";
import { startMachineTestServer } from "../../support/machine-test-server";
import { encodeLogsRequest } from "../../support/otlp";
import { createToolsFixture, type ToolsFixture } from "./tools-fixture";

useTestDb();
let fx: ToolsFixture;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  fx = await createToolsFixture();
  server = await startMachineTestServer();
  await setProjectDefaultActivity({ type: "system", id: null }, { projectKey: "infra-ci", activitySlug: "test-infrastructure" });
  await addRepositoryMapping({ type: "system", id: null }, { projectKey: "infra-ci", pattern: "git@github.com:acme/infra-ci.git" });
});
afterAll(async () => server?.close());

const t0 = Date.now() - 60_000;
const at = (i: number) => new Date(t0 + i * 1000);

type Emitted = { resource: Record<string, string>; scope: string; records: LogRecord[] };

/** Sends records through the official OpenTelemetry SDK and exporter, as the tools do. */
async function exportLogs(kind: "json" | "proto", token: string, batch: Emitted, gzip = false) {
  const options = { url: `${server.url}/otlp/v1/logs`, headers: { Authorization: `Bearer ${token}` }, ...(gzip ? { compression: CompressionAlgorithm.GZIP } : {}) };
  const exporter = kind === "json" ? new JsonExporter(options) : new ProtoExporter(options);
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(batch.resource),
    processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 512, scheduledDelayMillis: 60_000 })],
  });
  const logger = provider.getLogger(batch.scope);
  for (const r of batch.records) logger.emit(r);
  await provider.forceFlush();
  await provider.shutdown();
}

async function totals(tool: string) {
  const summary = await summarizeUsage({ groupBy: "tool" });
  const row = summary.rows.find((r) => r.label === tool);
  return { events: row?.events ?? 0, inputTokens: row?.inputTokens ?? 0, outputTokens: row?.outputTokens ?? 0, costUsd: row?.costUsd ?? 0 };
}

// Claude Code (Monitoring usage): the event name is the body, counts arrive as strings.
const claudeApiRequest = (i: number, input: number, output: number, cost: number, extra: Record<string, string> = {}): LogRecord => ({
  body: "claude_code.api_request",
  timestamp: at(i),
  attributes: {
    "event.name": "api_request",
    "event.timestamp": at(i).toISOString(),
    "event.sequence": String(i),
    "session.id": "9f1c2a4e-cc11-4b2a-9d61-6f3c1b9a0001",
    "prompt.id": `p-${Math.floor(i / 2)}`,
    "user.email": "engineer@example.com",
    "user.account_uuid": "acc-0001",
    "organization.id": "org-0001",
    "terminal.type": "vscode",
    model: "claude-sonnet-4-5",
    input_tokens: String(input),
    output_tokens: String(output),
    cache_read_tokens: "1200",
    cache_creation_tokens: "0",
    cost_usd: String(cost),
    duration_ms: "2310",
    ...extra,
  },
});

const claudeBatch = (): Emitted => ({
  resource: { "service.name": "claude-code", "service.version": "2.1.0", "guardrail.project": "infra-ci" },
  scope: "com.anthropic.claude_code.events",
  records: [
    claudeApiRequest(1, 1500, 300, 0.0123),
    claudeApiRequest(2, 2500, 700, 0.0311),
    { body: "claude_code.user_prompt", timestamp: at(3), attributes: { "event.name": "user_prompt", "session.id": "9f1c2a4e-cc11-4b2a-9d61-6f3c1b9a0001", prompt_length: "42", "user.email": "engineer@example.com" } },
    claudeApiRequest(4, 4000, 1000, 0.05),
  ],
});

describe("POST /otlp/v1/logs with the official exporters", () => {
  it("Claude Code over http/json: totals move by exactly the api_request events, and a resent batch changes nothing", async () => {
    const before = await totals("Claude Code");
    await exportLogs("json", fx.gateway.key, claudeBatch());
    const after = await totals("Claude Code");
    expect(after.events - before.events).toBe(3);
    expect(after.inputTokens - before.inputTokens).toBe(8000);
    expect(after.outputTokens - before.outputTokens).toBe(2000);
    expect(after.costUsd - before.costUsd).toBeCloseTo(0.09, 2);

    await exportLogs("json", fx.gateway.key, claudeBatch());
    expect(await totals("Claude Code")).toEqual(after);
    const stored = await findEventRows({ where: { source: "otlp:claude-code" } });
    expect(stored).toHaveLength(3);
    // guardrail.project names the project; its default activity applies.
    expect(stored.every((e) => e.project?.key === "infra-ci" && e.activity.slug === "test-infrastructure")).toBe(true);
  });

  it("Codex and Gemini CLI over http/protobuf, gzipped, sent with a personal token", async () => {
    const beforeCodex = await totals("Codex");
    const beforeGemini = await totals("Gemini CLI");
    // Codex ([otel]): codex.sse_event with event.kind response.completed carries the counts; other kinds are dropped.
    await exportLogs(
      "proto",
      fx.personal.key,
      {
        resource: { "service.name": "codex_cli_rs", "service.version": "0.58.0", env: "prod", "vcs.repository.url.full": "https://github.com/acme/infra-ci" },
        scope: "codex_otel",
        records: [
          { timestamp: at(10), attributes: { "event.name": "codex.sse_event", "event.kind": "response.created", "conversation.id": "c-1", model: "gpt-5-codex" } },
          {
            timestamp: at(11),
            attributes: {
              "event.name": "codex.sse_event",
              "event.timestamp": at(11).toISOString(),
              "event.kind": "response.completed",
              "conversation.id": "c-1",
              "app.version": "0.58.0",
              "auth_mode": "ChatGPT",
              "user.email": "engineer@example.com",
              model: "gpt-5-codex",
              input_token_count: 6000,
              output_token_count: 900,
              cached_token_count: 2000,
              reasoning_token_count: 100,
              tool_token_count: 0,
            },
          },
          { timestamp: at(12), attributes: { "event.name": "codex.tool_decision", "conversation.id": "c-1", tool_name: "shell", decision: "approved", source: "config" } },
        ],
      },
      true,
    );
    // Gemini CLI (telemetry): gemini_cli.api_response, counts as numbers; no user.email: the token's owner is the person.
    await exportLogs("proto", fx.personal.key, {
      resource: { "service.name": "gemini-cli", "service.version": "0.12.0", "guardrail.project": "infra-ci", "guardrail.activity": "test-infrastructure" },
      scope: "gemini-cli",
      records: [
        {
          body: "API response from gemini-2.5-pro. Status: 200. Duration: 1800ms.",
          timestamp: at(20),
          severityNumber: SeverityNumber.INFO,
          attributes: {
            "event.name": "gemini_cli.api_response",
            "event.timestamp": at(20).toISOString(),
            "session.id": "g-1",
            "installation.id": "inst-1",
            model: "gemini-2.5-pro",
            status_code: 200,
            duration_ms: 1800,
            input_token_count: 3000,
            output_token_count: 500,
            cached_content_token_count: 0,
            thoughts_token_count: 120,
            tool_token_count: 0,
            total_token_count: 3620,
            prompt_id: "gp-1",
            auth_type: "oauth-personal",
          },
        },
      ],
    });
    const codex = await totals("Codex");
    const gemini = await totals("Gemini CLI");
    expect(codex.events - beforeCodex.events).toBe(1);
    expect(codex.inputTokens - beforeCodex.inputTokens).toBe(6000);
    expect(codex.outputTokens - beforeCodex.outputTokens).toBe(900);
    expect(gemini.events - beforeGemini.events).toBe(1);
    expect(gemini.inputTokens - beforeGemini.inputTokens).toBe(3000);
    const [codexEvent] = await findEventRows({ where: { source: "otlp:codex_cli_rs" } });
    // The repository mapping (written as an scp-style remote) matches the https URL of the repository.
    expect(codexEvent.project?.key).toBe("infra-ci");
    expect((await prisma.usageEvent.findUniqueOrThrow({ where: { id: codexEvent.id } })).apiKeyId).toBe(fx.personal.id);
  });
});

async function post(body: Buffer | string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}/otlp/v1/logs`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers });
  return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}

const kv = (key: string, value: string | number) => ({ key, value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value } });
const request = (records: Record<string, string | number>[], resource: Record<string, string> = { "service.name": "claude-code" }) => ({
  resourceLogs: [
    {
      resource: { attributes: Object.entries(resource).map(([k, v]) => kv(k, v)) },
      scopeLogs: [
        {
          scope: { name: "com.anthropic.claude_code.events" },
          logRecords: records.map((attrs, i) => ({
            timeUnixNano: String(BigInt(at(40 + i).getTime()) * 1_000_000n),
            body: { stringValue: "claude_code.api_request" },
            attributes: Object.entries({ "event.name": "api_request", "session.id": "s-partial", "event.sequence": i, ...attrs }).map(([k, v]) => kv(k, v)),
          })),
        },
      ],
    },
  ],
});

describe("partial success and errors, as the OTLP specification says", () => {
  it("keeps the valid record and rejects an unknown person and an unknown tool, in JSON", async () => {
    const before = await totals("Claude Code");
    const body = JSON.stringify({
      resourceLogs: [
        ...request([
          { "user.email": "engineer@example.com", input_tokens: 100, output_tokens: 10, cost_usd: "0.001" },
          { "user.email": "stranger@example.com", input_tokens: 100, output_tokens: 10 },
        ]).resourceLogs,
        ...request([{ "user.email": "engineer@example.com", input_tokens: 7, output_tokens: 7 }], { "service.name": "claude-code", "guardrail.tool": "cursor" }).resourceLogs,
      ],
    });
    const res = await post(body, { "content-type": "application/json", authorization: `Bearer ${fx.gateway.key}` });
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.bytes.toString());
    expect(answer.partialSuccess.rejectedLogRecords).toBe("2");
    expect(answer.partialSuccess.errorMessage).toContain('unknown user "stranger@example.com"');
    expect(answer.partialSuccess.errorMessage).toContain('unknown tool "cursor"');
    const after = await totals("Claude Code");
    expect(after.events - before.events).toBe(1);
    expect(after.inputTokens - before.inputTokens).toBe(100);
    const unmatched = await prisma.unmatchedTelemetry.findMany({ orderBy: { kind: "asc" } });
    expect(unmatched.map((u) => [u.kind, u.value, u.count])).toEqual(
      expect.arrayContaining([
        ["tool", "cursor", 1],
        ["user", "stranger@example.com", 1],
      ]),
    );
  });

  it("answers a protobuf request in protobuf, with partialSuccess, and takes counts as strings or numbers", async () => {
    const body = encodeLogsRequest(request([{ "user.email": "engineer@example.com", input_tokens: "55", output_tokens: 5 }, { "user.email": "engineer@example.com", input_tokens: "lots", output_tokens: 1 }]));
    const res = await post(gzipSync(body), { "content-type": "application/x-protobuf", "content-encoding": "gzip", authorization: `Bearer ${fx.gateway.key}` });
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/x-protobuf");
    const answer = decodeLogsResponse(res.bytes);
    expect(answer.partialSuccess?.rejectedLogRecords).toBe("1");
    expect(answer.partialSuccess?.errorMessage).toContain("input_tokens must be a non-negative integer");
  });

  it("refuses an out-of-bounds record on its own, with the schema's reason, and keeps the others", async () => {
    const before = await totals("Claude Code");
    const body = JSON.stringify(
      request([
        { "user.email": "engineer@example.com", input_tokens: 3_000_000_000, output_tokens: 1, "event.sequence": 201 },
        { "user.email": "engineer@example.com", input_tokens: 1, output_tokens: 1, cost_usd: "1e12", "event.sequence": 202 },
        { "user.email": "engineer@example.com", input_tokens: 1, output_tokens: 1, "event.timestamp": "2099-01-01T00:00:00.000Z", "event.sequence": 203 },
        { "user.email": "engineer@example.com", input_tokens: 9, output_tokens: 9, "event.sequence": 204 },
      ]),
    );
    const res = await post(body, { "content-type": "application/json", authorization: `Bearer ${fx.gateway.key}` });
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.bytes.toString());
    expect(answer.partialSuccess.rejectedLogRecords).toBe("3");
    expect(answer.partialSuccess.errorMessage).toContain("inputTokens: must be at most 2147483647");
    expect(answer.partialSuccess.errorMessage).toContain("costUsd: must be at most 99999999.999999");
    expect(answer.partialSuccess.errorMessage).toContain("occurredAt: must not be in the future");
    const after = await totals("Claude Code");
    expect(after.events - before.events).toBe(1);
    expect(after.inputTokens - before.inputTokens).toBe(9);
  });

  it("answers an empty response when everything was used", async () => {
    const res = await post(JSON.stringify(request([{ "user.email": "engineer@example.com", input_tokens: 1, output_tokens: 1, "event.sequence": 99 }])), {
      "content-type": "application/json",
      authorization: `Bearer ${fx.gateway.key}`,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.bytes.toString())).toEqual({});
  });

  it("400 for an undecodable body, 401 without a key, 403 without the ingest scope, 415 for another type", async () => {
    const auth = { authorization: `Bearer ${fx.gateway.key}` };
    expect((await post("{not json", { "content-type": "application/json", ...auth })).status).toBe(400);
    expect((await post(Buffer.from([0xff, 0xff, 0xff, 0x0f]), { "content-type": "application/x-protobuf", ...auth })).status).toBe(400);
    expect((await post(Buffer.from("not gzip"), { "content-type": "application/json", "content-encoding": "gzip", ...auth })).status).toBe(400);
    expect((await post("{}", { "content-type": "application/json" })).status).toBe(401);
    expect((await post("{}", { "content-type": "application/json", authorization: "Bearer grk_nope" })).status).toBe(401);
    expect((await post("{}", { "content-type": "application/json", authorization: `Bearer ${fx.decideOnly.key}` })).status).toBe(403);
    expect((await post("{}", { "content-type": "text/plain", ...auth })).status).toBe(415);
  });

  it("403 when a personal token sends someone else's telemetry, and nothing of the batch is stored", async () => {
    const before = await totals("Claude Code");
    const body = JSON.stringify(request([{ "user.email": "engineer@example.com", input_tokens: 9, output_tokens: 9, "event.sequence": 500 }, { "user.email": "manager@example.com", input_tokens: 9, output_tokens: 9, "event.sequence": 501 }]));
    const res = await post(body, { "content-type": "application/json", authorization: `Bearer ${fx.personal.key}` });
    expect(res.status).toBe(403);
    expect(await totals("Claude Code")).toEqual(before);
  });

  it("413 for a body over the limit, also once decompressed", async () => {
    const auth = { authorization: `Bearer ${fx.gateway.key}`, "content-type": "application/json" };
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x20);
    expect((await post(huge, auth)).status).toBe(413);
    expect((await post(gzipSync(huge), { ...auth, "content-encoding": "gzip" })).status).toBe(413);
  });
});
