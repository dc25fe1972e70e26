import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { createPersonalToken } from "@/lib/api-keys/personal-tokens";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { addRepositoryMapping, setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { flushUnmatchedSightings } from "@/lib/tools/unmatched-telemetry";
import { useTestDb } from "../../support/test-db";
import { startMachineTestServer } from "../../support/machine-test-server";
import { createPerson, usageEvent } from "../usage/gateway-fixture";
import { createToolsFixture, type ToolsFixture } from "./tools-fixture";

useTestDb();
let fx: ToolsFixture;
let server: { url: string; close: () => Promise<void> };
let cappedToken: string;

const system = { type: "system" as const, id: null };

beforeAll(async () => {
  fx = await createToolsFixture();
  server = await startMachineTestServer();
  await setProjectDefaultActivity(system, { projectKey: "infra-ci", activitySlug: "test-infrastructure" });
  await addRepositoryMapping(system, { projectKey: "infra-ci", pattern: "/home/*/src/infra-ci" });
  await addRepositoryMapping(system, { projectKey: "llm-pretraining-data", pattern: "/home/*/src/pretraining" });
  await addRepositoryMapping(system, { projectKey: "ads-ranking", pattern: "/home/*/src/ads" });
  await setProjectDefaultActivity(system, { projectKey: "ads-ranking", activitySlug: "product-code" });
  // Someone who has used up the month's cap (1,000,000 tokens for engineers).
  const capped = await createPerson("capped@example.com", "E-CAP", ["engineer"], fx.team.id, fx.manager.id);
  const ingested = await ingestUsageEvents([usageEvent({ user: "capped@example.com", inputTokens: 900_000, outputTokens: 200_000 })]);
  expect(ingested.accepted).toBe(1);
  cappedToken = (await createPersonalToken({ id: capped.id }, { name: "laptop" })).key;
});
afterAll(async () => server?.close());

// Hook input as Claude Code sends it (hooks reference: common fields plus each event's own).
function hookInput(event: string, cwd: string) {
  const common = { session_id: "abc123", transcript_path: "/home/ana/.claude/projects/x/abc123.jsonl", cwd, permission_mode: "default", hook_event_name: event };
  if (event === "UserPromptSubmit") return { ...common, prompt: "Write a migration for the build cache" };
  if (event === "PreToolUse") return { ...common, tool_name: "Bash", tool_input: { command: "npm test", description: "Run the tests" }, tool_use_id: "toolu_01ABC123" };
  if (event === "SessionStart") return { ...common, source: "startup", model: "claude-sonnet-4-5" };
  return common;
}

async function callHook(body: unknown, token: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1/hooks/claude-code`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: res.status, body: await res.json() };
}

/** The text the person sees when a hook event blocks, or null when it lets the call through. */
function blocked(event: string, out: Record<string, unknown>): string | null {
  if (event === "UserPromptSubmit") return out.decision === "block" ? String(out.reason) : null;
  if (event === "PreToolUse") {
    const h = out.hookSpecificOutput as { hookEventName: string; permissionDecision: string; permissionDecisionReason: string } | undefined;
    if (!h) return null;
    expect(h.hookEventName).toBe("PreToolUse");
    return h.permissionDecision === "deny" ? h.permissionDecisionReason : null;
  }
  const h = out.hookSpecificOutput as { hookEventName: string; additionalContext: string };
  expect(h.hookEventName).toBe("SessionStart");
  expect(out.systemMessage).toBe(h.additionalContext);
  return h.additionalContext.includes("will be blocked") ? h.additionalContext : null;
}

describe.each(["UserPromptSubmit", "PreToolUse", "SessionStart"])("POST /api/v1/hooks/claude-code: %s", (event) => {
  it("allows on a mapped general project (the project's default activity applies)", async () => {
    const { status, body } = await callHook(hookInput(event, "/home/ana/src/infra-ci/packages/cache"), fx.personal.key);
    expect(status).toBe(200);
    expect(blocked(event, body)).toBeNull();
    if (event === "SessionStart") expect(body.hookSpecificOutput.additionalContext).toMatch(/allowed here \(project infra-ci, activity test-infrastructure\)\. External-tools cap left in \d{4}-\d{2}: [\d,]+ of 1,000,000 \(only external tools count toward it\)\./);
    else expect(body).toEqual({});
  });

  it("blocks on a training-data project, with the reason", async () => {
    const { status, body } = await callHook(hookInput(event, "/home/ana/src/pretraining"), fx.personal.key, { "X-Guardrail-Activity": "test-infrastructure" });
    expect(status).toBe(200);
    expect(blocked(event, body)).toMatch(/^Guardrail: .*feeds model training/);
  });

  it("blocks a prohibited activity and cites the clause", async () => {
    const { body } = await callHook(hookInput(event, "/home/ana/src/infra-ci"), fx.personal.key, { "X-Guardrail-Activity": "training-data-generation" });
    const reason = blocked(event, body);
    expect(reason).toContain("Training-data generation with external tools breaches the vendor's terms.");
    expect(reason).toContain("Anthropic D.4");
  });

  it("blocks what needs an exception, with the link to the pre-filled request form", async () => {
    const { body } = await callHook(hookInput(event, "/home/ana/src/ads"), fx.personal.key);
    expect(blocked(event, body)).toContain(`Request an exception: ${env.publicUrl}/requests/new?tool=claude-code&activity=product-code&project=ads-ranking`);
  });

  it("blocks over the cap, with the link to the cap-increase form", async () => {
    const { body } = await callHook(hookInput(event, "/home/cap/src/infra-ci"), cappedToken);
    const reason = blocked(event, body);
    expect(reason).toContain("cap");
    expect(reason).toContain(`Ask for a higher cap: ${env.publicUrl}/usage?capIncrease=1#cap-increase`);
  });

  it("fails closed for an unknown person (gateway key), and for a call that names nobody", async () => {
    const unknown = await callHook(hookInput(event, "/home/x/src/infra-ci"), fx.gateway.key, { "X-Guardrail-User": "nobody@example.com" });
    expect(unknown.status).toBe(200);
    expect(blocked(event, unknown.body)).toContain('No person "nobody@example.com"');
    const nobody = await callHook(hookInput(event, "/home/x/src/infra-ci"), fx.gateway.key);
    expect(blocked(event, nobody.body)).toContain("names no person");
    // A gateway key may speak for anyone it names.
    const named = await callHook(hookInput(event, "/home/x/src/infra-ci"), fx.gateway.key, { "X-Guardrail-User": "engineer@example.com" });
    expect(blocked(event, named.body)).toBeNull();
  });

  it("refuses (403) a personal token that names someone else", async () => {
    const { status, body } = await callHook(hookInput(event, "/home/ana/src/infra-ci"), fx.personal.key, { "X-Guardrail-User": "manager@example.com" });
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
  });
});

describe("POST /api/v1/hooks/claude-code: the rest", () => {
  it("lets other hook events through untouched", async () => {
    const { status, body } = await callHook({ ...hookInput("Stop", "/home/ana/src/pretraining"), stop_hook_active: false }, fx.personal.key);
    expect(status).toBe(200);
    expect(body).toEqual({});
  });

  it("401 without a key, 403 without the decide scope, 400 for a body that is not a hook input", async () => {
    expect((await callHook(hookInput("UserPromptSubmit", "/tmp"), null)).status).toBe(401);
    expect((await callHook(hookInput("UserPromptSubmit", "/tmp"), fx.ingestOnly.key)).status).toBe(403);
    expect((await callHook("{oops", fx.personal.key)).status).toBe(400);
    expect((await callHook({ session_id: "x" }, fx.personal.key)).status).toBe(400);
  });

  it("counts a working directory no repository pattern matches, for the admins", async () => {
    await callHook(hookInput("UserPromptSubmit", "/home/ana/src/unmapped-repo"), fx.personal.key);
    await callHook(hookInput("PreToolUse", "/home/ana/src/unmapped-repo"), fx.personal.key);
    // The first sighting is written at once, repeats within a few seconds when their window ends.
    expect(await prisma.unmatchedTelemetry.findUniqueOrThrow({ where: { kind_value: { kind: "repository", value: "/home/ana/src/unmapped-repo" } } })).toMatchObject({ count: 1 });
    await flushUnmatchedSightings();
    const row = await prisma.unmatchedTelemetry.findUniqueOrThrow({ where: { kind_value: { kind: "repository", value: "/home/ana/src/unmapped-repo" } } });
    expect(row).toMatchObject({ count: 2, source: "hook" });
  });
});
