// A small catalog, people, clauses and a first policy version written through Prisma, for the policy and
// catalog integration tests (the seed is for demos; tests own their data).
import { prisma } from "@/lib/db/client";
import type { RuleDraft } from "@/lib/validation/policy";

export async function createPolicyFixtures() {
  const openai = await prisma.vendor.create({ data: { slug: "openai", name: "OpenAI" } });
  const inhouse = await prisma.vendor.create({ data: { slug: "inhouse", name: "In-house" } });
  const terms = await prisma.termsDocument.create({
    data: { vendorId: openai.id, title: "OpenAI Terms", version: "2026-01", effectiveDate: new Date("2026-01-01"), url: "https://openai.example/terms" },
  });
  const distillation = await prisma.clause.create({
    data: { termsDocumentId: terms.id, ref: "2(c)(iii)", summary: "No competing models from output.", restrictedActivities: ["training-data-generation"], severity: "critical" },
  });
  const confidentiality = await prisma.clause.create({
    data: { termsDocumentId: terms.id, ref: "5", summary: "Confidential inputs.", restrictedActivities: [], severity: "medium" },
  });
  const codex = await prisma.tool.create({ data: { slug: "codex", name: "Codex", vendorId: openai.id, kind: "external", inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 } });
  const metacode = await prisma.tool.create({ data: { slug: "metacode", name: "MetaCode", vendorId: inhouse.id, kind: "internal" } });
  const docs = await prisma.activity.create({ data: { slug: "documentation", name: "Documentation", description: "Docs", disposition: "allowed", position: 1 } });
  const product = await prisma.activity.create({ data: { slug: "product-code", name: "Product code", description: "Product code", disposition: "exception_required", position: 2 } });
  const training = await prisma.activity.create({
    data: { slug: "training-data-generation", name: "Training-data generation", description: "Training data", disposition: "prohibited_external", position: 3 },
  });
  const ads = await prisma.project.create({ data: { key: "ads-ranking", name: "Ads ranking", sensitivity: "confidential" } });
  const infra = await prisma.project.create({ data: { key: "infra-ci", name: "Infra CI", sensitivity: "general" } });
  const eng = await prisma.team.create({ data: { slug: "eng", name: "Engineering" } });
  const ana = await prisma.user.create({ data: { email: "ana@example.com", employeeId: "E1", name: "Ana", roles: ["engineer"], teamId: eng.id } });
  const bo = await prisma.user.create({ data: { email: "bo@example.com", employeeId: "E2", name: "Bo", roles: ["engineer"], teamId: eng.id } });
  const admin = await prisma.user.create({ data: { email: "admin@example.com", employeeId: "A1", name: "Admin", roles: ["admin"] } });
  return { openai, terms, distillation, confidentiality, codex, metacode, docs, product, training, ads, infra, eng, ana, bo, admin };
}
export type PolicyFixtures = Awaited<ReturnType<typeof createPolicyFixtures>>;

export function baseRules(f: PolicyFixtures): RuleDraft[] {
  const any: Pick<RuleDraft, "toolId" | "toolKind" | "activityId" | "disposition" | "sensitivity" | "teamId"> = { toolId: null, toolKind: null, activityId: null, disposition: null, sensitivity: null, teamId: null };
  return [
    { ...any, name: "No external tools for prohibited work", toolKind: "external", disposition: "prohibited_external", effect: "deny", message: "Prohibited for external tools.", clauseIds: [f.distillation.id] },
    { ...any, name: "Product code needs an exception", disposition: "exception_required", effect: "require_exception", message: "File an exception first.", clauseIds: [f.confidentiality.id] },
    { ...any, name: "Routine work is allowed", disposition: "allowed", effect: "allow", message: "Go ahead.", clauseIds: [] },
  ];
}

/** A request that waits for a decision, and the grant an approved one left behind. */
export async function createRequestAndGrant(f: PolicyFixtures, now: Date) {
  const day = 86_400_000;
  const request = (requesterId: string, projectId: string, status: "pending_manager" | "approved") =>
    prisma.exceptionRequest.create({
      data: {
        requesterId,
        toolId: f.codex.id,
        activityId: f.product.id,
        projectId,
        justification: "Refactor ranking code",
        dataHandling: "Outputs stay in the product repo",
        startsAt: now,
        endsAt: new Date(now.getTime() + 30 * day),
        status,
        policyVersion: 1,
      },
    });
  const pending = await request(f.ana.id, f.ads.id, "pending_manager");
  const approved = await request(f.bo.id, f.ads.id, "approved");
  const grant = await prisma.grant.create({
    data: { userId: f.bo.id, toolId: f.codex.id, activityId: f.product.id, projectId: f.ads.id, validFrom: new Date(now.getTime() - day), validTo: new Date(now.getTime() + 20 * day), requestId: approved.id },
  });
  const expiredRequest = await request(f.bo.id, f.infra.id, "approved");
  const expired = await prisma.grant.create({
    data: { userId: f.bo.id, toolId: f.codex.id, activityId: f.product.id, projectId: f.infra.id, validFrom: new Date(now.getTime() - 40 * day), validTo: new Date(now.getTime() - day), requestId: expiredRequest.id },
  });
  return { pending, grant, expired };
}
