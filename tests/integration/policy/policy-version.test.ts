import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { loadImpactCases } from "@/lib/policy/load-impact-cases";
import { latestPolicyVersion, listPolicyVersions, loadPolicyRules } from "@/lib/policy/load-policy-rules";
import { loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { computePolicyImpact } from "@/lib/policy/policy-impact";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { parseRuleSet } from "@/lib/validation/policy";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, createRequestAndGrant, type PolicyFixtures } from "./policy-fixtures";

useTestDb();

let f: PolicyFixtures;
const actor = () => ({ type: "user" as const, id: f.admin.id });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  f = await createPolicyFixtures();
});

describe("saving policy versions", () => {
  it("creates version 1 from nothing, with its rules in order and an audit entry", async () => {
    const { version } = await savePolicyVersion(actor(), { baseVersion: 0, note: "first", rules: baseRules(f) });
    expect(version).toBe(1);
    const v1 = await loadPolicyRules(1);
    expect(v1?.rules.map((r) => [r.position, r.name, r.effect])).toEqual([
      [1, "No external tools for prohibited work", "deny"],
      [2, "Product code needs an exception", "require_exception"],
      [3, "Routine work is allowed", "allow"],
    ]);
    expect(v1?.rules[0].clauses).toMatchObject([{ vendor: "OpenAI", ref: "2(c)(iii)", severity: "critical" }]);
    const audit = await prisma.auditEntry.findMany({ where: { action: "policy.version_created" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "user", actorId: f.admin.id, entityType: "policy_version", data: { version: 1, basedOn: 0, note: "first" } });
    expect((await loadPolicySnapshot()).policyVersion).toBe(1);
  });

  it("saves an edit as a new version with copies of every rule and leaves the old one readable", async () => {
    const edited = baseRules(f);
    edited[1] = { ...edited[1], effect: "allow", message: "Product code is fine now." };
    edited.push({ ...edited[2], name: "Catch-all", disposition: null, effect: "require_exception", message: "Ask first.", clauseIds: [] });
    const { version } = await savePolicyVersion(actor(), { baseVersion: 1, note: "loosen product code", rules: edited });
    expect(version).toBe(2);

    const [v1, v2] = await Promise.all([loadPolicyRules(1), loadPolicyRules(2)]);
    expect(v1?.rules).toHaveLength(3);
    expect(v1?.rules[1]).toMatchObject({ effect: "require_exception", message: "File an exception first." });
    expect(v2?.rules).toHaveLength(4);
    expect(v2?.rules[1]).toMatchObject({ effect: "allow", message: "Product code is fine now." });
    // copies, not shared rows
    const v1Ids = new Set(v1!.rules.map((r) => r.id));
    expect(v2!.rules.some((r) => v1Ids.has(r.id))).toBe(false);
    expect(v2?.rules[0].clauses.map((c) => c.id)).toEqual([f.distillation.id]);
    expect(await latestPolicyVersion()).toBe(2);
    expect((await listPolicyVersions()).map((v) => [v.version, v.ruleCount, v.createdBy])).toEqual([
      [2, 4, "Admin"],
      [1, 3, "Admin"],
    ]);
    expect((await loadPolicySnapshot()).policyVersion).toBe(2);
  });

  it("refuses a save based on an older version and saves nothing", async () => {
    const before = await prisma.policyVersion.count();
    const error = await rejection(savePolicyVersion(actor(), { baseVersion: 1, note: null, rules: baseRules(f) }));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("version 2");
    expect(await prisma.policyVersion.count()).toBe(before);
  });

  it("refuses a save that changes nothing", async () => {
    const v2 = await loadPolicyRules(2);
    const same = v2!.rules.map((r) => ({ ...r, clauseIds: r.clauses.map((c) => c.id) }));
    const error = await rejection(savePolicyVersion(actor(), { baseVersion: 2, note: null, rules: parseRuleSet(JSON.stringify(same)) }));
    expect(error.code).toBe("no_change");
  });

  it("names the rule and field that refers to something that does not exist", async () => {
    const rules = baseRules(f);
    rules[2] = { ...rules[2], toolId: "00000000-0000-0000-0000-000000000000" };
    rules[0] = { ...rules[0], clauseIds: ["missing-clause"] };
    const error = await rejection(savePolicyVersion(actor(), { baseVersion: 2, note: null, rules }));
    expect(error.fields).toEqual([
      { path: "rules.0.clauseIds", message: "A cited clause no longer exists." },
      { path: "rules.2.toolId", message: "This no longer exists; choose again." },
    ]);
    expect(await latestPolicyVersion()).toBe(2);
  });

  it("lets exactly one of two concurrent saves from the same version win", async () => {
    const a = baseRules(f).map((r) => ({ ...r, message: `${r.message} (A)` }));
    const b = baseRules(f).map((r) => ({ ...r, message: `${r.message} (B)` }));
    const results = await Promise.allSettled([
      savePolicyVersion(actor(), { baseVersion: 2, note: "A", rules: a }),
      savePolicyVersion(actor(), { baseVersion: 2, note: "B", rules: b }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected");
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await latestPolicyVersion()).toBe(3);
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, entries: 3 });
  });
});

describe("impact of a rule change", () => {
  it("lists the open requests and live grants that the new rules decide differently", async () => {
    const now = new Date();
    const { pending, grant, expired } = await createRequestAndGrant(f, now);
    const { cases, catalog } = await loadImpactCases(now);
    expect(cases.map((c) => c.id).sort()).toEqual([pending.id, grant.id].sort());
    expect(cases.map((c) => c.id)).not.toContain(expired.id);

    const [v1, v2] = await Promise.all([loadPolicyRules(1), loadPolicyRules(2)]);
    const rows = computePolicyImpact(cases, catalog, v1!, v2!);
    const byId = Object.fromEntries(rows.map((r) => [r.case.id, r]));
    expect(byId[pending.id]).toMatchObject({
      case: { kind: "request", personName: "Ana", status: "pending_manager" },
      before: { decision: "require_exception", reason: "exception_required", ruleName: "Product code needs an exception" },
      after: { decision: "allow", reason: "allowed_by_policy" },
    });
    expect(byId[grant.id]).toMatchObject({
      case: { kind: "grant", personName: "Bo" },
      before: { decision: "allow", reason: "allowed_by_grant" },
      after: { decision: "allow", reason: "allowed_by_policy" },
    });
    expect(rows).toHaveLength(2);
  });

  it("reports nothing between versions that decide these cases the same way", async () => {
    const { cases, catalog } = await loadImpactCases();
    const [v1, v3] = await Promise.all([loadPolicyRules(1), loadPolicyRules(3)]);
    // version 3 only reworded the messages of version 1
    expect(computePolicyImpact(cases, catalog, v1!, v3!)).toEqual([]);
  });

  it("shows a grant that a new deny rule would stop honouring", async () => {
    const { cases, catalog } = await loadImpactCases();
    const v3 = await loadPolicyRules(3);
    const deny = { ...v3!.rules[0], id: "x", position: 0, toolKind: null, disposition: null, sensitivity: "confidential" as const, effect: "deny" as const, name: "No confidential" };
    const rows = computePolicyImpact(cases, catalog, v3!, { version: 4, rules: [deny, ...v3!.rules] });
    expect(rows.map((r) => [r.case.kind, r.after.decision, r.after.reason]).sort()).toEqual([
      ["grant", "deny", "prohibited_activity"],
      ["request", "deny", "prohibited_activity"],
    ]);
  });
});
