import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { hashApiKey } from "@/lib/api-keys/key-hash";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { capPeriod } from "@/lib/calendar";
import { env } from "@/lib/env";
import { evaluatePolicy, type DecisionKind, type ReasonCode } from "@/lib/policy/evaluate";
import { invalidatePolicySnapshot, loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { SEED_API_KEY_NAME } from "@/lib/seed/seed-api-key";
import { runSeed, type SeedSummary } from "@/lib/seed/run-seed";
import { useTestDb } from "../../support/test-db";

useTestDb();

const now = new Date();
const KEY = "grk_seed_test_key_value_0123456789";
let first: SeedSummary;
let second: SeedSummary;

beforeAll(async () => {
  first = await runSeed({ profile: "test", now, apiKey: KEY });
  second = await runSeed({ profile: "test", now, apiKey: KEY });
}, 300_000);

describe("db:seed (test profile)", () => {
  it("changes nothing the second time but its own audit entry", () => {
    expect(first.usage.accepted).toBeGreaterThan(10_000);
    expect(second.usage.accepted).toBe(0);
    expect(second.requestsCreated).toBe(0);
    expect(second.apiKey.action).toBe("kept");
    const { AuditEntry: auditFirst, ...restFirst } = first.counts;
    const { AuditEntry: auditSecond, ...restSecond } = second.counts;
    expect(restSecond).toEqual(restFirst);
    expect(auditSecond).toBe(auditFirst + 1);
  });

  it("writes one seed.applied audit entry per run and keeps the chain intact", async () => {
    const runs = await prisma.auditEntry.findMany({ where: { action: "seed.applied" }, orderBy: { seq: "asc" } });
    expect(runs).toHaveLength(2);
    expect(runs[1].data).toMatchObject({ profile: "test", counts: { User: 200 } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it("has the demo accounts, with engineer@ reporting to manager@", async () => {
    const [engineer, manager, legal, admin] = await Promise.all(
      ["engineer", "manager", "legal", "admin"].map((n) => prisma.user.findUniqueOrThrow({ where: { email: `${n}@example.com` }, include: { managedTeam: true } })),
    );
    expect(engineer.managerId).toBe(manager.id);
    expect(engineer.teamId).toBe(manager.managedTeam?.id);
    expect(manager.roles).toEqual(expect.arrayContaining(["engineer", "manager"]));
    expect(legal.roles).toContain("legal");
    expect(admin.roles).toContain("admin");
    expect([engineer, manager, legal, admin].every((u) => u.active)).toBe(true);
    expect(await prisma.user.count({ where: { active: false, deactivatedAt: { not: null } } })).toBe(2);
    // Every team has a manager, and every member but the top managers reports to someone.
    expect(await prisma.team.count({ where: { managerId: null } })).toBe(0);
    expect(await prisma.user.count({ where: { managerId: null } })).toBe(3);
  });

  it("names tools, activities and projects exactly as the gateways send them (README, Machine API)", async () => {
    const tools = await prisma.tool.findMany({ include: { vendor: true }, orderBy: { slug: "asc" } });
    expect(tools.map((t) => [t.slug, t.kind, t.vendor.name])).toEqual([
      ["claude-code", "external", "Anthropic"],
      ["codex", "external", "OpenAI"],
      ["copilot", "external", "GitHub"],
      ["gemini-cli", "external", "Google"],
      ["metacode", "internal", "Example Corp"],
    ]);
    const activities = await prisma.activity.findMany({ orderBy: { position: "asc" } });
    expect(activities.map((a) => [a.slug, a.disposition])).toEqual([
      ["workflow-config", "allowed"],
      ["code-organization", "allowed"],
      ["documentation", "allowed"],
      ["test-infrastructure", "allowed"],
      ["product-code", "exception_required"],
      ["other", "exception_required"],
      ["training-data-generation", "prohibited_external"],
      ["benchmark-design", "prohibited_external"],
      ["model-development", "prohibited_external"],
    ]);
    const projects = await prisma.project.findMany({ orderBy: { key: "asc" } });
    expect(Object.fromEntries(projects.map((p) => [p.key, p.sensitivity]))).toEqual({
      "infra-ci": "general",
      "internal-docs": "general",
      "ads-ranking": "confidential",
      "payments-core": "confidential",
      "llm-pretraining-data": "training_data",
      "coding-challenges": "training_data",
    });
    const clauses = await prisma.clause.findMany({ include: { termsDocument: { include: { vendor: true } } } });
    for (const vendor of ["Anthropic", "OpenAI", "Google", "GitHub"]) {
      const own = clauses.filter((c) => c.termsDocument.vendor.name === vendor);
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(own.some((c) => c.restrictedActivities.includes("training-data-generation") && c.severity === "critical")).toBe(true);
      expect(own[0].termsDocument.url).toMatch(/^https:\/\//);
    }
  });

  it("has requests in every state, one of engineer@'s waiting for manager@", async () => {
    const statuses = (await prisma.exceptionRequest.groupBy({ by: ["status"], _count: true })).map((g) => g.status).sort();
    expect(statuses).toEqual(["approved", "expired", "pending_legal", "pending_manager", "rejected", "revoked", "withdrawn"]);
    const waiting = await prisma.exceptionRequest.findFirstOrThrow({ where: { status: "pending_manager", requester: { email: "engineer@example.com" } }, include: { requester: { include: { manager: true } } } });
    expect(waiting.requester.manager?.email).toBe("manager@example.com");
    const live = await prisma.grant.count({ where: { revokedAt: null, validFrom: { lte: now }, validTo: { gt: now }, request: { status: "approved" } } });
    expect(live).toBeGreaterThan(0);
    expect(await prisma.grant.count({ where: { request: { status: "expired" }, validTo: { gt: now } } })).toBe(0);
    expect(await prisma.grant.count({ where: { request: { status: "revoked" }, revokedAt: null } })).toBe(0);
    expect(await prisma.approvalStep.count({ where: { stage: "legal" } })).toBeGreaterThan(0);
  });

  it("has violations in the review queue and people over their cap this month", async () => {
    expect(await prisma.usageEvent.count({ where: { outcome: "violation" } })).toBeGreaterThan(0);
    expect(await prisma.usageEvent.count({ where: { outcome: "allowed_by_grant" } })).toBeGreaterThan(0);
    expect(await prisma.reviewItem.count({ where: { type: "violation", status: "open" } })).toBeGreaterThan(0);
    const period = capPeriod(new Date(first.anchor.getTime() - 1), env.COMPANY_TIME_ZONE);
    const overCap = await prisma.capUsage.count({ where: { period, alert100At: { not: null } } });
    expect(overCap).toBeGreaterThanOrEqual(3);
    expect(await prisma.usageEvent.count({ where: { outcome: "over_cap" } })).toBeGreaterThan(0);
  });

  it("stores the gateway key from SEED_API_KEY with every scope, once", async () => {
    const keys = await prisma.apiKey.findMany({ where: { name: SEED_API_KEY_NAME } });
    expect(keys).toHaveLength(1);
    expect(keys[0].hash).toBe(hashApiKey(KEY));
    expect([...keys[0].scopes].sort()).toEqual(["decide", "ingest", "read"]);
    const rotated = await runSeed({ profile: "test", now, apiKey: `${KEY}-rotated` });
    expect(rotated.apiKey.action).toBe("rotated");
    const after = await prisma.apiKey.findMany({ where: { name: SEED_API_KEY_NAME } });
    expect(after).toHaveLength(1);
    expect(after[0].hash).toBe(hashApiKey(`${KEY}-rotated`));
  });

  const cases: [string, string, string | null, DecisionKind, ReasonCode, string | null][] = [
    ["claude-code", "documentation", "infra-ci", "allow", "allowed_by_policy", null],
    ["claude-code", "product-code", "infra-ci", "require_exception", "exception_required", "Anthropic"],
    ["codex", "product-code", "ads-ranking", "require_exception", "exception_required", "OpenAI"],
    ["gemini-cli", "documentation", "llm-pretraining-data", "deny", "training_data_project", "Google"],
    ["copilot", "benchmark-design", null, "deny", "prohibited_activity", "GitHub"],
    ["metacode", "training-data-generation", "llm-pretraining-data", "allow", "allowed_by_policy", null],
    ["metacode", "product-code", "payments-core", "allow", "allowed_by_policy", null],
  ];
  it.each(cases)("policy: %s for %s on %s → %s (%s)", async (tool, activity, project, decision, reason, vendor) => {
    invalidatePolicySnapshot();
    const snapshot = await loadPolicySnapshot();
    const result = evaluatePolicy({
      person: { id: "someone", active: true, teamIds: [] },
      tool: snapshot.toolsBySlug.get(tool)!,
      activity: snapshot.activitiesBySlug.get(activity)!,
      project: project ? snapshot.projectsByKey.get(project)! : null,
      at: now,
      policyVersion: snapshot.policyVersion,
      rules: snapshot.rules,
      grants: [],
    });
    expect(result.decision).toBe(decision);
    expect(result.reasons[0].code).toBe(reason);
    expect(result.rule?.policyVersion).toBe(1);
    if (vendor) {
      expect(result.clauses.length).toBeGreaterThan(0);
      expect(result.clauses.every((c) => c.vendor === vendor)).toBe(true);
    }
  });
  it("imports two vendor reports ending yesterday, once, with engineer@ and manager@ matched", async () => {
    const reports = await prisma.vendorReport.findMany({ include: { vendor: { select: { slug: true } } }, orderBy: { kind: "asc" } });
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(reports.map((r) => [r.vendor.slug, r.kind, r.periodEnd.toISOString().slice(0, 10), r.importedById, r.apiKeyId])).toEqual([
      ["anthropic", "anthropic_claude_code", yesterday, null, null],
      ["anthropic", "anthropic_messages_usage", yesterday, null, null],
    ]);
    const people = await prisma.vendorUsageRow.findMany({ where: { userId: { not: null } }, select: { user: { select: { email: true } } }, distinct: ["userId"] });
    expect(people.map((p) => p.user?.email).sort()).toEqual(["engineer@example.com", "manager@example.com"]);
  });
});
