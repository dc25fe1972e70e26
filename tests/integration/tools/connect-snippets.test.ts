import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import type { LogRecord } from "@opentelemetry/api-logs";
import { prisma } from "@/lib/db/client";
import { connectSnippets, managedSettingsSnippet, type Snippet } from "@/lib/tools/connect-snippets";
import { setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { useTestDb } from "../../support/test-db";
import { startMachineTestServer } from "../../support/machine-test-server";
import { createToolsFixture, type ToolsFixture } from "./tools-fixture";

// Every snippet the Connect page shows is parsed as its tool parses it, and what the tool would then send is
// posted to a listening server: the snippets cannot drift from what the server accepts.

useTestDb();
let fx: ToolsFixture;
let server: { url: string; close: () => Promise<void> };
let snippets: Snippet[];

beforeAll(async () => {
  fx = await createToolsFixture();
  server = await startMachineTestServer();
  await setProjectDefaultActivity({ type: "system", id: null }, { projectKey: "infra-ci", activitySlug: "test-infrastructure" });
  snippets = connectSnippets(server.url, fx.personal.key);
});
afterAll(async () => server?.close());

const snippet = (id: string) => snippets.find((s) => s.id === id)!;

/** OTEL_EXPORTER_OTLP_HEADERS as the OpenTelemetry SDKs read it: comma-separated key=value pairs. */
function otlpHeaders(value: string): Record<string, string> {
  return Object.fromEntries(value.split(",").map((pair) => pair.split("=").map((s) => decodeURIComponent(s.trim())) as [string, string]));
}

/** Claude Code's header interpolation: $VAR and ${VAR} only for variables listed in allowedEnvVars. */
function interpolate(value: string, allowed: string[], environment: Record<string, string>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return allowed.includes(name) ? (environment[name] ?? "") : "";
  });
}

async function send(kind: "json" | "proto", url: string, headers: Record<string, string>, resource: Record<string, string>, record: LogRecord) {
  const exporter = kind === "json" ? new JsonExporter({ url, headers }) : new ProtoExporter({ url, headers });
  const provider = new LoggerProvider({ resource: resourceFromAttributes(resource), processors: [new BatchLogRecordProcessor({ exporter })] });
  provider.getLogger("tool").emit(record);
  await provider.forceFlush();
  await provider.shutdown();
}

const events = (source: string) => prisma.usageEvent.count({ where: { source } });
const now = () => new Date(Date.now() - 5_000);

type HookHandler = { type: string; url: string; headers: Record<string, string>; allowedEnvVars: string[]; timeout: number };
type ClaudeSettings = { env: Record<string, string>; hooks: Record<string, { matcher?: string; hooks: HookHandler[] }[]>; allowManagedHooksOnly?: boolean };

async function postEveryHook(settings: ClaudeSettings, environment: Record<string, string>) {
  expect(Object.keys(settings.hooks).sort()).toEqual(["PreToolUse", "SessionStart", "UserPromptSubmit"]);
  for (const [event, groups] of Object.entries(settings.hooks)) {
    const handler = groups[0].hooks[0];
    expect(handler.type).toBe("http");
    const headers = Object.fromEntries(Object.entries(handler.headers).map(([k, v]) => [k, interpolate(v, handler.allowedEnvVars, environment)]));
    const res = await fetch(handler.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ session_id: "s-snippet", transcript_path: "/tmp/t.jsonl", cwd: "/tmp/work", permission_mode: "default", hook_event_name: event, prompt: "hi", tool_name: "Bash", tool_input: { command: "ls" } }),
    });
    expect(res.status, `${event} hook`).toBe(200);
    await res.json();
  }
}

describe("Connect your tools: every snippet works as pasted", () => {
  it("Claude Code settings.json: telemetry reaches /otlp/v1/logs and every hook answers", async () => {
    const s = snippet("claude-code");
    expect(s.language).toBe("json");
    const settings = JSON.parse(s.text) as ClaudeSettings;
    const env = settings.env;
    expect(env.CLAUDE_CODE_ENABLE_TELEMETRY).toBe("1");
    expect(env.OTEL_LOGS_EXPORTER).toBe("otlp");
    expect(env.OTEL_EXPORTER_OTLP_PROTOCOL).toBe("http/json");
    // The SDK appends /v1/logs to OTEL_EXPORTER_OTLP_ENDPOINT.
    const before = await events("otlp:claude-code");
    await send("json", `${env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/logs`, otlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), { "service.name": "claude-code", "guardrail.project": "infra-ci" }, {
      body: "claude_code.api_request",
      timestamp: now(),
      attributes: { "event.name": "api_request", "session.id": "s-snippet", "event.sequence": "1", "user.email": "engineer@example.com", input_tokens: "10", output_tokens: "2", cost_usd: "0.0001", model: "claude-sonnet-4-5" },
    });
    expect(await events("otlp:claude-code")).toBe(before + 1);
    await postEveryHook(settings, env);
  });

  it("Codex config.toml: the otlp-http exporter (binary protocol) reaches the receiver", async () => {
    const s = snippet("codex");
    const config = parseToml(s.text) as { otel: { exporter: { "otlp-http": { endpoint: string; protocol: string; headers: Record<string, string> } }; log_user_prompt: boolean } };
    const http = config.otel.exporter["otlp-http"];
    expect(http.protocol).toBe("binary");
    expect(config.otel.log_user_prompt).toBe(false);
    const before = await events("otlp:codex_cli_rs");
    await send("proto", http.endpoint, http.headers, { "service.name": "codex_cli_rs", "guardrail.project": "infra-ci" }, {
      timestamp: now(),
      attributes: { "event.name": "codex.sse_event", "event.kind": "response.completed", "conversation.id": "c-snippet", input_token_count: 10, output_token_count: 3, model: "gpt-5-codex" },
    });
    expect(await events("otlp:codex_cli_rs")).toBe(before + 1);
  });

  it("Gemini CLI settings.json and its environment line: the http exporter reaches the receiver", async () => {
    const settings = JSON.parse(snippet("gemini-cli").text) as { telemetry: { enabled: boolean; target: string; otlpEndpoint: string; otlpProtocol: string; logPrompts: boolean } };
    expect(settings.telemetry).toMatchObject({ enabled: true, target: "local", otlpProtocol: "http", logPrompts: false });
    const line = /^export OTEL_EXPORTER_OTLP_HEADERS=(".*")$/m.exec(snippet("gemini-cli-env").text);
    expect(line).not.toBeNull();
    const headers = otlpHeaders(JSON.parse(line![1]) as string);
    const before = await events("otlp:gemini-cli");
    await send("json", `${settings.telemetry.otlpEndpoint}/v1/logs`, headers, { "service.name": "gemini-cli", "guardrail.project": "infra-ci" }, {
      timestamp: now(),
      attributes: { "event.name": "gemini_cli.api_response", "session.id": "g-snippet", prompt_id: "gp-snippet", input_token_count: 8, output_token_count: 2, model: "gemini-2.5-pro" },
    });
    expect(await events("otlp:gemini-cli")).toBe(before + 1);
  });

  it("managed-settings.json: only managed hooks, each person's token from GUARDRAIL_TOKEN", async () => {
    const s = managedSettingsSnippet(server.url, fx.gateway.key);
    const settings = JSON.parse(s.text) as ClaudeSettings;
    expect(settings.allowManagedHooksOnly).toBe(true);
    const before = await events("otlp:claude-code");
    await send("json", `${settings.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/logs`, otlpHeaders(settings.env.OTEL_EXPORTER_OTLP_HEADERS), { "service.name": "claude-code" }, {
      body: "claude_code.api_request",
      timestamp: now(),
      attributes: { "event.name": "api_request", "session.id": "s-managed", "event.sequence": "1", "user.email": "manager@example.com", input_tokens: "5", output_tokens: "1" },
    });
    expect(await events("otlp:claude-code")).toBe(before + 1);
    await postEveryHook(settings, { GUARDRAIL_TOKEN: fx.personal.key });
  });
});
