import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { loadPersonContext } from "@/lib/policy/policy-snapshot";
import { aliasEmailToPerson, listEmailAliases, removeEmailAlias } from "@/lib/tools/email-aliases";
import { flushUnmatchedSightings, listUnmatchedTelemetry } from "@/lib/tools/unmatched-telemetry";
import { setProjectDefaultActivity } from "@/lib/tools/manage-repository-mappings";
import { useTestDb } from "../../support/test-db";
import { startMachineTestServer } from "../../support/machine-test-server";
import { createToolsFixture, type ToolsFixture } from "./tools-fixture";

useTestDb();
let fx: ToolsFixture;
let server: { url: string; close: () => Promise<void> };
const admin = { type: "system" as const, id: null };
const ALIAS = "ana.personal@gmail.com";

beforeAll(async () => {
  fx = await createToolsFixture();
  server = await startMachineTestServer();
  await setProjectDefaultActivity(admin, { projectKey: "infra-ci", activitySlug: "test-infrastructure" });
});
afterAll(async () => server?.close());

const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
const t0 = Date.now() - 60_000;

/** One Claude Code api_request (Monitoring usage) as OTLP/JSON, for a given user.email and sequence. */
function claudeRequest(email: string, seq: number) {
  const at = new Date(t0 + seq * 1000);
  return {
    resourceLogs: [
      {
        resource: { attributes: [kv("service.name", "claude-code"), kv("guardrail.project", "infra-ci")] },
        scopeLogs: [
          {
            scope: { name: "com.anthropic.claude_code.events" },
            logRecords: [
              {
                timeUnixNano: String(BigInt(at.getTime()) * 1_000_000n),
                body: { stringValue: "claude_code.api_request" },
                attributes: [
                  kv("event.name", "api_request"),
                  kv("event.timestamp", at.toISOString()),
                  kv("event.sequence", String(seq)),
                  kv("session.id", "5b0e2a6c-alias-0001"),
                  kv("user.email", email),
                  kv("model", "claude-sonnet-4-5"),
                  kv("input_tokens", "1234"),
                  kv("output_tokens", "56"),
                  kv("cost_usd", "0.01"),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

async function sendOtlp(token: string, body: unknown) {
  const res = await fetch(`${server.url}/otlp/v1/logs`, { method: "POST", body: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  return { status: res.status, body: (await res.json()) as { partialSuccess?: { rejectedLogRecords?: number | string; errorMessage?: string } } };
}

async function hook(user: string) {
  const res = await fetch(`${server.url}/api/v1/hooks/claude-code`, {
    method: "POST",
    body: JSON.stringify({ session_id: "abc", cwd: "/tmp/x", permission_mode: "default", hook_event_name: "UserPromptSubmit", prompt: "Fix the flaky cache test" }),
    headers: { "content-type": "application/json", authorization: `Bearer ${fx.gateway.key}`, "x-guardrail-user": user, "x-guardrail-project": "infra-ci", "x-guardrail-activity": "test-infrastructure" },
  });
  return (await res.json()) as { decision?: string; reason?: string };
}

const engineerEvents = () => prisma.usageEvent.count({ where: { userId: fx.engineer.id, source: "otlp:claude-code" } });

describe("email aliases: an unknown email a tool reports, mapped to a person", () => {
  it("refuses the email until aliased; then OTLP records and hook calls naming it count for the person; removing the alias undoes it", async () => {
    // Before: the record is refused (partialSuccess), the hook fails closed, and the email is on the unmatched page.
    const refused = await sendOtlp(fx.gateway.key, claudeRequest(ALIAS, 1));
    expect(refused.status).toBe(200);
    expect(Number(refused.body.partialSuccess?.rejectedLogRecords)).toBe(1);
    expect(refused.body.partialSuccess?.errorMessage).toMatch(/user/);
    expect((await hook(ALIAS)).decision).toBe("block");
    await flushUnmatchedSightings(); // the hook's repeat sighting is counted when its window ends
    expect((await listUnmatchedTelemetry()).filter((r) => r.kind === "user" && r.value === ALIAS).map((r) => r.count)).toEqual([2]);
    expect(await engineerEvents()).toBe(0);

    // The admin aliases it (any case); the unmatched row goes, in the same transaction as the audit entry.
    const alias = await aliasEmailToPerson(admin, { email: "Ana.Personal@Gmail.com", person: "E-ENG" });
    expect(alias).toMatchObject({ email: ALIAS, userId: fx.engineer.id, person: "engineer@example.com" });
    expect((await listUnmatchedTelemetry()).some((r) => r.value === ALIAS)).toBe(false);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user_email_alias.created", entityId: alias.id } });
    expect(audit).toMatchObject({ entityType: "user_email_alias", data: expect.objectContaining({ email: ALIAS, person: "engineer@example.com", unmatchedRowsCleared: 1 }) });
    expect((await loadPersonContext(ALIAS.toUpperCase()))?.person.id).toBe(fx.engineer.id);

    // The resent record now counts for the person, once; the hook decides for them.
    const accepted = await sendOtlp(fx.gateway.key, claudeRequest(ALIAS, 1));
    expect(accepted.body.partialSuccess ?? {}).toEqual({});
    await sendOtlp(fx.gateway.key, claudeRequest(ALIAS, 1));
    expect(await engineerEvents()).toBe(1);
    expect(await hook(ALIAS)).toEqual({});
    // The person's personal token may send telemetry naming their alias (not someone else's email).
    expect((await sendOtlp(fx.personal.key, claudeRequest(ALIAS, 2))).status).toBe(200);
    expect(await engineerEvents()).toBe(2);
    expect((await sendOtlp(fx.personal.key, claudeRequest("manager@example.com", 3))).status).toBe(403);

    // Removed: the email is unknown again.
    await removeEmailAlias(admin, alias.id);
    await expect(removeEmailAlias(admin, alias.id)).rejects.toMatchObject({ status: 404 });
    expect(await prisma.auditEntry.count({ where: { action: "user_email_alias.removed", entityId: alias.id } })).toBe(1);
    expect(Number((await sendOtlp(fx.gateway.key, claudeRequest(ALIAS, 4))).body.partialSuccess?.rejectedLogRecords)).toBe(1);
    expect((await hook(ALIAS)).decision).toBe("block");
    expect(await engineerEvents()).toBe(2);
    expect(await listEmailAliases()).toEqual([]);
  });

  it("refuses an email that belongs to a person, an email already aliased, and an unknown or deactivated person", async () => {
    await expect(aliasEmailToPerson(admin, { email: "MANAGER@example.com", person: "engineer@example.com" })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: "email", message: "belongs to manager@example.com, an existing person" }],
    });
    await expect(aliasEmailToPerson(admin, { email: "e-eng", person: "manager@example.com" })).rejects.toMatchObject({ status: 400, fields: [{ path: "email" }] });
    await expect(aliasEmailToPerson(admin, { email: "old@example.org", person: "nobody@example.com" })).rejects.toMatchObject({ status: 400, fields: [{ path: "person" }] });
    await prisma.user.update({ where: { id: fx.manager.id }, data: { active: false } });
    try {
      await expect(aliasEmailToPerson(admin, { email: "old@example.org", person: "manager@example.com" })).rejects.toMatchObject({ status: 400, fields: [{ path: "person" }] });
    } finally {
      await prisma.user.update({ where: { id: fx.manager.id }, data: { active: true } });
    }
    const first = await aliasEmailToPerson(admin, { email: "old@example.org", person: "engineer@example.com" });
    await expect(aliasEmailToPerson(admin, { email: "OLD@example.org", person: "manager@example.com" })).rejects.toMatchObject({
      status: 400,
      fields: [{ path: "email", message: "already an alias of engineer@example.com" }],
    });
    expect(await prisma.auditEntry.count({ where: { action: "user_email_alias.created", data: { path: ["email"], equals: "old@example.org" } } })).toBe(1);
    await removeEmailAlias(admin, first.id);
  });
});
