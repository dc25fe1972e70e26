// A small catalog, policy and org for gateway tests, written through Prisma into the test database.
import { prisma } from "@/lib/db/client";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { generateApiKey, hashApiKey, apiKeyPrefix, type KeyScope } from "@/lib/api-keys/key-hash";
import type { Role } from "@/lib/generated/prisma/enums";

export type GatewayFixture = Awaited<ReturnType<typeof createGatewayFixture>>;

export async function createGatewayFixture() {
  const anthropic = await prisma.vendor.create({ data: { slug: "anthropic", name: "Anthropic" } });
  const inhouse = await prisma.vendor.create({ data: { slug: "inhouse", name: "In-house" } });
  const terms = await prisma.termsDocument.create({
    data: { vendorId: anthropic.id, title: "Commercial Terms", version: "2026-01", effectiveDate: new Date("2026-01-01"), url: "https://www.anthropic.com/legal/commercial-terms" },
  });
  const clause = await prisma.clause.create({
    data: { termsDocumentId: terms.id, ref: "D.4", summary: "No use of outputs to build competing models.", restrictedActivities: ["training-data-generation"], severity: "critical" },
  });
  const claude = await prisma.tool.create({
    data: { slug: "claude-code", name: "Claude Code", vendorId: anthropic.id, kind: "external", inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
  });
  const metacode = await prisma.tool.create({ data: { slug: "metacode", name: "MetaCode", vendorId: inhouse.id, kind: "internal" } });
  const blocked = await prisma.tool.create({ data: { slug: "shady-ai", name: "Shady AI", vendorId: anthropic.id, kind: "external", status: "blocked" } });
  const activities = {
    tests: await prisma.activity.create({ data: { slug: "test-infrastructure", name: "Test infrastructure", description: "", disposition: "allowed" } }),
    product: await prisma.activity.create({ data: { slug: "product-code", name: "Product code", description: "", disposition: "exception_required" } }),
    training: await prisma.activity.create({ data: { slug: "training-data-generation", name: "Training-data generation", description: "", disposition: "prohibited_external" } }),
  };
  const projects = {
    infra: await prisma.project.create({ data: { key: "infra-ci", name: "Infra CI", sensitivity: "general" } }),
    ads: await prisma.project.create({ data: { key: "ads-ranking", name: "Ads ranking", sensitivity: "confidential" } }),
    pretraining: await prisma.project.create({ data: { key: "llm-pretraining-data", name: "LLM pretraining data", sensitivity: "training_data" } }),
  };
  const version = await prisma.policyVersion.create({ data: { version: 1 } });
  const prohibitRule = await prisma.policyRule.create({
    data: {
      policyVersionId: version.id,
      position: 1,
      name: "No external tools for training data",
      toolKind: "external",
      disposition: "prohibited_external",
      effect: "deny",
      message: "Training-data generation with external tools breaches the vendor's terms.",
      clauses: { create: [{ clauseId: clause.id }] },
    },
  });
  const team = await prisma.team.create({ data: { slug: "platform", name: "Platform" } });
  const manager = await createPerson("manager@example.com", "E-MGR", ["manager", "engineer"], team.id, null);
  const engineer = await createPerson("engineer@example.com", "E-ENG", ["engineer"], team.id, manager.id);
  const inactive = await prisma.user.create({
    data: { email: "gone@example.com", employeeId: "E-GONE", name: "Gone", roles: ["engineer"], teamId: team.id, active: false },
  });
  await prisma.cap.create({ data: { scope: "role", role: "engineer", monthlyTokens: 1_000_000 } });
  invalidatePolicySnapshot();
  return { anthropic, clause, claude, metacode, blocked, activities, projects, version, prohibitRule, team, manager, engineer, inactive };
}

export async function createPerson(email: string, employeeId: string, roles: Role[], teamId: string | null, managerId: string | null) {
  const user = await prisma.user.create({ data: { email, employeeId, name: email.split("@")[0], roles, teamId, managerId } });
  invalidatePolicySnapshot();
  return user;
}

export async function createApiKey(scopes: KeyScope[], name = "test key") {
  const key = generateApiKey();
  const row = await prisma.apiKey.create({ data: { name, prefix: apiKeyPrefix(key), hash: hashApiKey(key), scopes } });
  return { key, id: row.id };
}

let seq = 0;
export function usageEvent(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    id: `evt-${Date.now()}-${seq}`,
    occurredAt: new Date().toISOString(),
    user: "engineer@example.com",
    tool: "claude-code",
    project: "infra-ci",
    activity: "test-infrastructure",
    inputTokens: 1000,
    outputTokens: 200,
    ...overrides,
  };
}

/** An approved exception for product code on ads-ranking with Claude Code, and the grant it created. */
export async function createGrant(fx: Pick<GatewayFixture, "claude" | "activities" | "projects">, userId: string, capOverrideTokens: bigint | null = null) {
  const request = await prisma.exceptionRequest.create({
    data: {
      requesterId: userId,
      toolId: fx.claude.id,
      activityId: fx.activities.product.id,
      projectId: fx.projects.ads.id,
      justification: "ship the feature",
      dataHandling: "outputs stay out of training data",
      startsAt: new Date(Date.now() - 86400_000),
      endsAt: new Date(Date.now() + 30 * 86400_000),
      status: "approved",
      policyVersion: 1,
    },
  });
  const grant = await prisma.grant.create({
    data: { userId, toolId: fx.claude.id, activityId: fx.activities.product.id, projectId: fx.projects.ads.id, validFrom: request.startsAt, validTo: request.endsAt, requestId: request.id, capOverrideTokens },
  });
  invalidatePolicySnapshot();
  return grant;
}
