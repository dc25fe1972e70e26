// A small org and policy for the request workflow tests: written through Prisma, no seed script needed.
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type Fixture = Awaited<ReturnType<typeof createWorkflowFixture>>;

const DAY = 86_400_000;
export const days = (n: number, from = new Date()) => new Date(from.getTime() + n * DAY);

export async function createWorkflowFixture() {
  const user = (key: string, roles: Role[], managerId: string | null = null) =>
    prisma.user.create({ data: { email: `${key}@example.com`, employeeId: key.toUpperCase(), name: `${key[0].toUpperCase()}${key.slice(1)}`, roles, managerId } });
  const director = await user("director", ["manager", "engineer"]);
  const manager = await user("manager", ["manager", "engineer"], director.id);
  const engineer = await user("engineer", ["engineer"], manager.id);
  const peer = await user("peer", ["engineer"], manager.id);
  const otherManager = await user("othermanager", ["manager"], director.id);
  const legal = await user("legal", ["legal"]);
  const admin = await user("admin", ["admin"]);

  const openai = await prisma.vendor.create({ data: { slug: "openai", name: "OpenAI" } });
  const inhouse = await prisma.vendor.create({ data: { slug: "inhouse", name: "In-house" } });
  const codex = await prisma.tool.create({ data: { slug: "codex", name: "Codex", vendorId: openai.id, kind: "external" } });
  const metacode = await prisma.tool.create({ data: { slug: "metacode", name: "MetaCode", vendorId: inhouse.id, kind: "internal" } });
  const terms = await prisma.termsDocument.create({
    data: { vendorId: openai.id, title: "OpenAI Business Terms", version: "2026-01", effectiveDate: new Date("2026-01-01"), url: "https://openai.com/policies/business-terms" },
  });
  const clause = (ref: string, restrictedActivities: string[], severity: "low" | "medium" | "high" | "critical") =>
    prisma.clause.create({ data: { termsDocumentId: terms.id, ref, summary: `Clause ${ref}`, restrictedActivities, severity } });
  const competing = await clause("§2.1(e)", ["training-data-generation", "model-development"], "critical");
  const confidentialCode = await clause("§3.2", ["product-code"], "medium");
  const generalUse = await clause("§1.1", [], "low");

  const activity = (slug: string, name: string, disposition: "allowed" | "exception_required" | "prohibited_external") =>
    prisma.activity.create({ data: { slug, name, description: name, disposition } });
  const documentation = await activity("documentation", "Documentation", "allowed");
  const productCode = await activity("product-code", "Product code", "exception_required");
  const trainingData = await activity("training-data-generation", "Training-data generation", "prohibited_external");

  const project = (key: string, sensitivity: "general" | "confidential" | "training_data") =>
    prisma.project.create({ data: { key, name: key, sensitivity } });
  const adsRanking = await project("ads-ranking", "confidential");
  const internalDocs = await project("internal-docs", "general");
  const pretraining = await project("llm-pretraining-data", "training_data");

  const version = await prisma.policyVersion.create({ data: { version: 1, note: "test policy" } });
  const rule = (position: number, data: Record<string, unknown>, clauseIds: string[]) =>
    prisma.policyRule.create({
      data: {
        policyVersionId: version.id,
        position,
        name: `rule ${position}`,
        message: `rule ${position} message`,
        effect: "allow",
        ...data,
        clauses: { create: clauseIds.map((clauseId) => ({ clauseId })) },
      },
    });
  await rule(10, { toolKind: "external", disposition: "prohibited_external", effect: "deny", message: "Vendors forbid building competing models with their output." }, [competing.id]);
  await rule(20, { toolKind: "external", disposition: "exception_required", sensitivity: "confidential", effect: "require_exception", message: "Confidential product code needs an exception." }, [confidentialCode.id]);
  await rule(30, { toolKind: "external", disposition: "exception_required", effect: "require_exception", message: "Product code needs an exception." }, [generalUse.id]);
  await rule(40, { disposition: "allowed", effect: "allow", message: "Allowed for everyone." }, []);

  return {
    people: { director, manager, engineer, peer, otherManager, legal, admin },
    tools: { codex, metacode },
    activities: { documentation, productCode, trainingData },
    projects: { adsRanking, internalDocs, pretraining },
    clauses: { competing, confidentialCode, generalUse },
  };
}

/** The Person shape the use cases take, from a fixture user. */
export const asPerson = (u: { id: string; email: string; name: string; roles: Role[]; teamId: string | null; managerId: string | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  teamId: u.teamId,
  managerId: u.managerId,
});
