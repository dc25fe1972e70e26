import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { publishTermsVersion } from "@/lib/clauses/publish-terms-version";
import { getClauseDetail, getTermsVersion } from "@/lib/clauses/clause-library";
import { termsVersionSchema } from "@/lib/validation/clause";
import { useTestDb } from "../../support/test-db";
import { makeGrant, makeViolationItem, makeWorld } from "../review/review-fixtures";

useTestDb();

let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  world = await makeWorld();
});

async function currentOpenAiClauses() {
  const doc = await prisma.termsDocument.findFirstOrThrow({ where: { vendor: { slug: "openai" } }, orderBy: { effectiveDate: "desc" }, include: { clauses: true, vendor: true } });
  return doc;
}

describe("publishTermsVersion", () => {
  it("diffs by ref and opens re-review items for live grants and open requests relying on changed or removed clauses", async () => {
    const { catalog, engineer, legal } = world;
    const competing = catalog.clauses.get("openai:competing")!;
    const extraction = catalog.clauses.get("openai:extraction")!;
    const usage = catalog.clauses.get("openai:usage")!;
    const live = await makeGrant(catalog, engineer.id, "codex", [competing]);
    const untouched = await makeGrant(catalog, engineer.id, "codex", [usage]);
    const expired = await makeGrant(catalog, engineer.id, "codex", [extraction]);
    await prisma.grant.update({ where: { id: expired.grant.id }, data: { validTo: new Date(Date.now() - 1000) } });
    const pending = await prisma.exceptionRequest.create({
      data: { ...pick(live.request), status: "pending_legal", clauseIds: [extraction] },
    });
    await makeViolationItem(catalog, engineer.id, "codex", [competing], 1);

    const prev = await currentOpenAiClauses();
    const next = prev.clauses
      .filter((c) => c.id !== extraction)
      .map((c) => ({ ref: c.ref, summary: c.id === competing ? `${c.summary} This now includes distillation.` : c.summary, restrictedActivities: c.restrictedActivities, severity: c.severity }));
    next.push({ ref: "§9", summary: "A brand-new clause about agents.", restrictedActivities: ["other"], severity: "low" });
    const input = termsVersionSchema.parse({
      vendorId: prev.vendorId,
      title: "OpenAI Terms of Use",
      version: "2027-01",
      effectiveDate: "2027-01-15",
      url: "https://openai.com/policies/terms-of-use",
      clauses: JSON.stringify(next),
    });

    const result = await publishTermsVersion(input, { type: "user", id: legal.id });

    expect(result.diff.added.map((c) => c.ref)).toEqual(["§9"]);
    expect(result.diff.removed.map((c) => c.id)).toEqual([extraction]);
    expect(result.diff.edited.map((e) => [e.before.id, e.changed])).toEqual([[competing, ["summary"]]]);
    const items = await prisma.reviewItem.findMany({ where: { id: { in: result.reReviewItemIds } }, include: { clauses: true } });
    expect(items.map((i) => [i.type, i.grantId ?? i.requestId]).sort()).toEqual(
      [
        ["re_review", live.grant.id],
        ["re_review", pending.id],
      ].sort(),
    );
    expect(items.find((i) => i.grantId === live.grant.id)!.clauses.map((c) => c.clauseId)).toEqual([competing]);
    expect(items.some((i) => i.grantId === untouched.grant.id || i.grantId === expired.grant.id)).toBe(false);

    const version = await getTermsVersion(result.termsDocumentId);
    expect(version!.previous?.id).toBe(prev.id);
    expect(version!.reReviews).toHaveLength(2);
    expect(version!.diff.edited).toHaveLength(1);

    const clause = await getClauseDetail(competing);
    expect(clause!.grants.map((g) => g.id)).toContain(live.grant.id);
    expect(clause!.violationCount).toBeGreaterThanOrEqual(2);
    expect(clause!.newer?.termsDocument.version).toBe("2027-01");

    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "terms.published", entityId: result.termsDocumentId } });
    expect(audit.data).toMatchObject({ added: ["§9"], reReviewItems: 2 });
  });

  it("refuses a version the vendor already has and unknown activities", async () => {
    const prev = await currentOpenAiClauses();
    const base = { vendorId: prev.vendorId, title: "Terms", effectiveDate: "2027-02-01", url: "https://x.example/t" };
    const clauses = JSON.stringify([{ ref: "1", summary: "Some clause text here.", restrictedActivities: ["no-such-activity"], severity: "low" }]);
    await expect(publishTermsVersion(termsVersionSchema.parse({ ...base, version: "2027-02", clauses }), { type: "user", id: world.legal.id })).rejects.toMatchObject({ code: "unknown_activity" });
    const ok = JSON.stringify([{ ref: "1", summary: "Some clause text here.", restrictedActivities: [], severity: "low" }]);
    await expect(publishTermsVersion(termsVersionSchema.parse({ ...base, version: prev.version, clauses: ok }), { type: "user", id: world.legal.id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("names the row of a bad clause in the form errors", () => {
    const r = termsVersionSchema.safeParse({ vendorId: crypto.randomUUID(), title: "Terms", version: "3", effectiveDate: "2027-01-01", url: "https://x.example", clauses: JSON.stringify([{ ref: "1", summary: "long enough summary", restrictedActivities: [], severity: "low" }, { ref: "1", summary: "x", restrictedActivities: [], severity: "low" }]) });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(" | ")).toMatch(/Clause 2: summary/);
  });
});

function pick(r: { requesterId: string; toolId: string; activityId: string; projectId: string | null; justification: string; dataHandling: string; startsAt: Date; endsAt: Date; policyVersion: number }) {
  return { requesterId: r.requesterId, toolId: r.toolId, activityId: r.activityId, projectId: r.projectId, justification: r.justification, dataHandling: r.dataHandling, startsAt: r.startsAt, endsAt: r.endsAt, policyVersion: r.policyVersion };
}
