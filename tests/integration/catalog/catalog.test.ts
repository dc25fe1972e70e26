import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { updateActivity } from "@/lib/catalog/update-activity";
import { createProject, updateProject } from "@/lib/catalog/save-project";
import { updateTool } from "@/lib/catalog/update-tool";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { evaluatePolicy } from "@/lib/policy/evaluate";
import { loadPersonContext, loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { createProjectSchema, updateToolSchema } from "@/lib/validation/catalog";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, type PolicyFixtures } from "../policy/policy-fixtures";

useTestDb();

let f: PolicyFixtures;
const actor = () => ({ type: "user" as const, id: f.admin.id });

async function decide(toolSlug: string, activitySlug: string, projectKey: string | null) {
  const [snapshot, context] = await Promise.all([loadPolicySnapshot(), loadPersonContext("ana@example.com")]);
  return evaluatePolicy({
    person: context!.person,
    grants: context!.grants,
    tool: snapshot.toolsBySlug.get(toolSlug)!,
    activity: snapshot.activitiesBySlug.get(activitySlug)!,
    project: projectKey ? snapshot.projectsByKey.get(projectKey)! : null,
    rules: snapshot.rules,
    policyVersion: snapshot.policyVersion,
    at: new Date(),
  });
}

beforeAll(async () => {
  f = await createPolicyFixtures();
  await savePolicyVersion(actor(), { baseVersion: 0, note: null, rules: baseRules(f) });
});

describe("catalog use cases", () => {
  it("blocks a tool, audits the change, and the next decision sees it", async () => {
    expect((await decide("codex", "documentation", "infra-ci")).decision).toBe("allow");
    await updateTool(actor(), updateToolSchema.parse({ id: f.codex.id, status: "blocked", inputUsdPerMTok: "1.5", outputUsdPerMTok: "12.25" }));
    const tool = await prisma.tool.findUniqueOrThrow({ where: { id: f.codex.id } });
    expect([tool.status, tool.inputUsdPerMTok.toString(), tool.outputUsdPerMTok.toString()]).toEqual(["blocked", "1.5", "12.25"]);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "tool.updated", entityId: f.codex.id } });
    expect(audit.data).toEqual({
      slug: "codex",
      before: { status: "approved", inputUsdPerMTok: "1.25", outputUsdPerMTok: "10" },
      after: { status: "blocked", inputUsdPerMTok: "1.5", outputUsdPerMTok: "12.25" },
    });
    expect(await decide("codex", "documentation", "infra-ci")).toMatchObject({ decision: "deny", reasons: [{ code: "tool_blocked" }] });

    await updateTool(actor(), { id: f.codex.id, status: "approved", inputUsdPerMTok: "1.25", outputUsdPerMTok: "10" });
    expect((await decide("codex", "documentation", "infra-ci")).decision).toBe("allow");
  });

  it("changes an activity's default disposition", async () => {
    await updateActivity(actor(), { id: f.docs.id, name: "Docs", description: "Writing docs", disposition: "exception_required" });
    expect((await listCatalog()).activities.find((a) => a.id === f.docs.id)).toMatchObject({ name: "Docs", disposition: "exception_required" });
    // the rule for "allowed" no longer matches; the one for exception_required does
    expect((await decide("codex", "documentation", "infra-ci")).decision).toBe("require_exception");
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "activity.updated" } });
    expect(audit.data).toMatchObject({ before: { disposition: "allowed" }, after: { disposition: "exception_required" } });
  });

  it("adds a project, refuses a taken key, and changing sensitivity to training data denies external tools", async () => {
    const created = await createProject(actor(), createProjectSchema.parse({ key: " Eval-Suite ", name: "Eval suite", sensitivity: "general" }));
    expect(created.key).toBe("eval-suite");
    expect((await decide("codex", "product-code", "eval-suite")).decision).toBe("require_exception");

    const taken = await createProject(actor(), { key: "eval-suite", name: "Again", sensitivity: "general", description: null }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(AppError);
    expect((taken as AppError).fields).toEqual([{ path: "key", message: "This key is taken." }]);

    await updateProject(actor(), { id: created.id, name: "Eval suite", sensitivity: "training_data", description: "feeds evals" });
    expect(await decide("codex", "product-code", "eval-suite")).toMatchObject({ decision: "deny", reasons: [{ code: "training_data_project" }] });
    expect((await decide("metacode", "product-code", "eval-suite")).decision).toBe("require_exception");
    const actions = (await prisma.auditEntry.findMany({ where: { entityType: "project" }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["project.created", "project.updated"]);
  });

  it("finds nothing for an unknown id and writes no audit entry", async () => {
    const before = await prisma.auditEntry.count();
    const error = await updateTool(actor(), { id: "nope", status: "blocked", inputUsdPerMTok: "0", outputUsdPerMTok: "0" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found", status: 404 });
    expect(await prisma.auditEntry.count()).toBe(before);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("validates prices and keys at the boundary", () => {
    const bad = updateToolSchema.safeParse({ id: "x", status: "gone", inputUsdPerMTok: "-1", outputUsdPerMTok: "1.23456" });
    expect(bad.success).toBe(false);
    expect(Object.keys(z.flattenError(bad.error!).fieldErrors).sort()).toEqual(["inputUsdPerMTok", "outputUsdPerMTok", "status"]);
    expect(createProjectSchema.safeParse({ key: "Bad Key!", name: "x", sensitivity: "general" }).success).toBe(false);
  });
});
