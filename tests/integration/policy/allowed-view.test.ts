import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { loadAllowedView } from "@/lib/policy/load-allowed-view";
import { cellKey } from "@/lib/policy/policy-matrix";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, createRequestAndGrant, type PolicyFixtures } from "./policy-fixtures";

useTestDb();

let f: PolicyFixtures;

beforeAll(async () => {
  f = await createPolicyFixtures();
  await savePolicyVersion({ type: "user", id: f.admin.id }, { baseVersion: 0, note: null, rules: baseRules(f) });
  await createRequestAndGrant(f, new Date());
  invalidatePolicySnapshot();
});

describe("what's allowed", () => {
  it("shows the matrix for a project with the clause behind each cell", async () => {
    const view = await loadAllowedView(f.ana.id, "ads-ranking", {});
    expect(view.project?.key).toBe("ads-ranking");
    expect(view.cells[cellKey(f.codex.id, f.product.id)]).toMatchObject({ decision: "require_exception", reason: "exception_required", clauses: [{ ref: "5", vendor: "OpenAI" }] });
    expect(view.cells[cellKey(f.codex.id, f.training.id)]).toMatchObject({ decision: "deny", reason: "prohibited_activity", clauses: [{ ref: "2(c)(iii)" }] });
    expect(view.cells[cellKey(f.metacode.id, f.training.id)]).toMatchObject({ decision: "allow" });
    expect(view.cells[cellKey(f.codex.id, f.docs.id)]).toMatchObject({ decision: "allow", reason: "allowed_by_policy" });
    expect(view.answer).toBeNull();
  });

  it("turns a cell to 'allowed by your grant' for the person holding one, and only on that project", async () => {
    const bo = await loadAllowedView(f.bo.id, "ads-ranking", {});
    expect(bo.cells[cellKey(f.codex.id, f.product.id)]).toMatchObject({ decision: "allow", reason: "allowed_by_grant" });
    expect(bo.cells[cellKey(f.codex.id, f.product.id)].grantValidTo).toMatch(/^\d{4}-\d\d-\d\d/);
    const elsewhere = await loadAllowedView(f.bo.id, "infra-ci", {});
    expect(elsewhere.cells[cellKey(f.codex.id, f.product.id)].reason).toBe("exception_required");
  });

  it("answers 'can I use codex for product-code on ads-ranking' with a link to file an exception", async () => {
    const { answer } = await loadAllowedView(f.ana.id, "ads-ranking", { tool: "codex", activity: "product-code", project: "ads-ranking" });
    expect(answer).toMatchObject({
      kind: "answer",
      decision: { decision: "require_exception", reasons: [{ code: "exception_required" }], clauses: [{ ref: "5" }], cap: { limit: 50_000_000, used: 0 } },
      requestUrl: "/requests/new?tool=codex&activity=product-code&project=ads-ranking",
      suggestion: null,
    });
  });

  it("answers a prohibited use with the internal tool as the way out", async () => {
    const { answer } = await loadAllowedView(f.ana.id, undefined, { tool: "codex", activity: "training-data-generation" });
    expect(answer).toMatchObject({ kind: "answer", decision: { decision: "deny", reasons: [{ code: "prohibited_activity" }] }, requestUrl: null, suggestion: { slug: "metacode" } });
  });

  it("counts the month's usage against the cap in the answer", async () => {
    const period = capPeriod(new Date(), env.COMPANY_TIME_ZONE);
    await prisma.capUsage.create({ data: { userId: f.ana.id, period, usedTokens: 50_000_000n } });
    invalidatePolicySnapshot();
    const { answer } = await loadAllowedView(f.ana.id, undefined, { tool: "codex", activity: "documentation" });
    expect(answer).toMatchObject({ decision: { decision: "deny", reasons: [{ code: "over_cap" }] } });
  });

  it("says which name it does not know", async () => {
    const { answer } = await loadAllowedView(f.ana.id, undefined, { tool: "chatgpt", activity: "documentation" });
    expect(answer).toEqual({ kind: "unknown", message: 'There is no tool "chatgpt" in the catalog.' });
  });
});
