import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { approveRequest } from "@/lib/requests/approve-request";
import { rejectRequest } from "@/lib/requests/reject-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { addComment } from "@/lib/requests/add-comment";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { expireGrants } from "@/lib/grants/expire-grants";
import { evaluatePolicy } from "@/lib/policy/evaluate";
import { loadPersonContext, loadPolicySnapshot } from "@/lib/policy/policy-snapshot";
import { useTestDb } from "../../support/test-db";
import { asPerson, createWorkflowFixture, days, type Fixture } from "./fixtures";

useTestDb();
let f: Fixture;
beforeAll(async () => {
  f = await createWorkflowFixture();
});

const form = (over: Partial<{ tool: string; activity: string; project?: string; endsAt: Date }> = {}) => ({
  tool: "codex",
  activity: "product-code",
  project: "ads-ranking",
  justification: "Migrating the ranking feature store needs Codex for boilerplate.",
  dataHandling: "Outputs stay in the ads-ranking repo, never in any training corpus.",
  startsAt: days(0),
  endsAt: days(30),
  ...over,
});

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** What the decision path says for the engineer now: grants included. */
async function decideForEngineer(at = new Date()) {
  const [snapshot, ctx] = await Promise.all([loadPolicySnapshot(), loadPersonContext(f.people.engineer.id)]);
  return evaluatePolicy({
    person: ctx!.person,
    tool: snapshot.toolsBySlug.get("codex")!,
    activity: snapshot.activitiesBySlug.get("product-code")!,
    project: snapshot.projectsByKey.get("ads-ranking")!,
    at,
    policyVersion: snapshot.policyVersion,
    rules: snapshot.rules,
    grants: ctx!.grants,
  });
}

describe("exception request workflow", () => {
  it("submit → manager approves with conditions → legal approves → grant; every step audited and notified", async () => {
    const engineer = asPerson(f.people.engineer);
    expect((await decideForEngineer()).decision).toBe("require_exception");
    const { id } = await submitRequest(engineer, form());
    const filed = await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } });
    expect(filed).toMatchObject({ status: "pending_manager", requiresLegal: true, policyVersion: 1, clauseIds: [f.clauses.confidentialCode.id] });
    expect(await prisma.notification.count({ where: { userId: f.people.manager.id, link: `/requests/${id}` } })).toBe(1);

    const shorterEnd = days(20);
    const managerStep = await approveRequest(asPerson(f.people.manager), { requestId: id, version: 1, validTo: shorterEnd, capOverrideTokens: 5_000_000 });
    expect(managerStep).toEqual({ status: "pending_legal", grantId: null });
    expect(await prisma.notification.count({ where: { userId: f.people.legal.id, kind: "request.legal_review" } })).toBe(1);
    // The request now waits in legal's review queue, and leaves it when legal decides.
    const legalItem = () => prisma.reviewItem.findUniqueOrThrow({ where: { groupKey: `legal_request:${id}` } });
    expect(await legalItem()).toMatchObject({ type: "legal_request", status: "open", requestId: id });

    const legalStep = await approveRequest(asPerson(f.people.legal), { requestId: id, version: 2 });
    expect(legalStep.status).toBe("approved");
    expect((await legalItem()).status).toBe("cleared");
    const grant = await prisma.grant.findUniqueOrThrow({ where: { id: legalStep.grantId! } });
    expect(grant.validTo.toISOString()).toBe(shorterEnd.toISOString());
    expect(grant.capOverrideTokens).toBe(5_000_000n);
    expect((await decideForEngineer()).decision).toBe("allow");

    const actions = (await prisma.auditEntry.findMany({ where: { entityId: { in: [id, grant.id] } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["request.submitted", "request.manager_approved", "request.approved", "grant.created"]);
    expect(await prisma.notification.count({ where: { userId: f.people.engineer.id, kind: "request.approved" } })).toBe(1);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("a request whose clauses do not call for legal is approved by the manager alone", async () => {
    const { id } = await submitRequest(asPerson(f.people.peer), form({ project: "internal-docs" }));
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).requiresLegal).toBe(false);
    const result = await approveRequest(asPerson(f.people.director), { requestId: id });
    expect(result.status).toBe("approved");
    expect(result.grantId).not.toBeNull();
  });

  it("rejection needs the manager's org and records the reason", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form({ project: "internal-docs" }));
    // A manager outside the org cannot see the request: it reads as missing.
    const outside = await errorOf(rejectRequest(asPerson(f.people.otherManager), { requestId: id, reason: "no" }));
    expect(outside.code).toBe("not_found");
    await rejectRequest(asPerson(f.people.manager), { requestId: id, reason: "Use MetaCode for this." });
    const step = await prisma.approvalStep.findFirstOrThrow({ where: { requestId: id } });
    expect(step).toMatchObject({ decision: "rejected", reason: "Use MetaCode for this.", stage: "manager" });
    const late = await errorOf(approveRequest(asPerson(f.people.director), { requestId: id }));
    expect(late.code).toBe("conflict");
    expect(late.message).toContain("already decided by Manager: rejected");
  });

  it("refuses a prohibited combination, citing the clause and pointing to the internal tool", async () => {
    const e = await errorOf(submitRequest(asPerson(f.people.engineer), form({ activity: "training-data-generation" })));
    expect(e.code).toBe("prohibited");
    expect(e.message).toContain("OpenAI §2.1(e)");
    expect(e.message).toContain("MetaCode (metacode)");
    expect(e.fields).toEqual([{ path: "activity", message: expect.any(String) }]);
    const training = await errorOf(submitRequest(asPerson(f.people.engineer), form({ project: "llm-pretraining-data" })));
    expect(training.fields[0].path).toBe("project");
    const allowed = await errorOf(submitRequest(asPerson(f.people.engineer), form({ activity: "documentation" })));
    expect(allowed.code).toBe("not_needed");
    expect(await prisma.exceptionRequest.count({ where: { activityId: f.activities.trainingData.id } })).toBe(0);
  });

  it("a manager cannot decide their own request, and an engineer cannot decide at all", async () => {
    const { id } = await submitRequest(asPerson(f.people.manager), form({ project: "internal-docs" }));
    expect((await errorOf(approveRequest(asPerson(f.people.manager), { requestId: id }))).code).toBe("forbidden");
    // The engineer cannot even see their manager's request.
    expect((await errorOf(approveRequest(asPerson(f.people.engineer), { requestId: id }))).code).toBe("not_found");
    expect((await approveRequest(asPerson(f.people.director), { requestId: id })).status).toBe("approved");
  });

  it("legal cannot act at the manager stage, managers cannot act at the legal stage", async () => {
    const { id } = await submitRequest(asPerson(f.people.peer), form());
    expect((await errorOf(approveRequest(asPerson(f.people.legal), { requestId: id }))).code).toBe("forbidden");
    await approveRequest(asPerson(f.people.manager), { requestId: id });
    expect((await errorOf(rejectRequest(asPerson(f.people.director), { requestId: id, reason: "no" }))).code).toBe("forbidden");
    await rejectRequest(asPerson(f.people.legal), { requestId: id, reason: "Clause §3.2 forbids it." });
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("rejected");
  });

  it("two reviewers at once: exactly one decision is stored, the other gets a conflict", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form({ project: "internal-docs", endsAt: days(10) }));
    const results = await Promise.allSettled([
      approveRequest(asPerson(f.people.manager), { requestId: id }),
      rejectRequest(asPerson(f.people.director), { requestId: id, reason: "Too broad." }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(AppError);
    expect(lost[0].reason.code).toBe("conflict");
    expect(lost[0].reason.message).toMatch(/already decided by (Manager: approved|Director: rejected)/);
    expect(await prisma.approvalStep.count({ where: { requestId: id } })).toBe(1);
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });

  it("a decision on a stale page (old version) is a conflict", async () => {
    const { id } = await submitRequest(asPerson(f.people.peer), form({ project: "internal-docs" }));
    await withdrawRequest(asPerson(f.people.peer), { requestId: id, version: 1 });
    const e = await errorOf(approveRequest(asPerson(f.people.manager), { requestId: id, version: 1 }));
    expect(e.code).toBe("conflict");
    expect(e.message).toContain("withdrawn by Peer");
  });

  it("withdraw: only the requester, only while pending", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form({ project: "internal-docs" }));
    expect((await errorOf(withdrawRequest(asPerson(f.people.peer), { requestId: id }))).code).toBe("not_found");
    await withdrawRequest(asPerson(f.people.engineer), { requestId: id });
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("withdrawn");
    expect((await errorOf(withdrawRequest(asPerson(f.people.engineer), { requestId: id }))).code).toBe("conflict");
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "request.withdrawn" } })).toBe(1);
  });

  it("revoke: the grant stops allowing at once and the request shows revoked", async () => {
    const grant = await prisma.grant.findFirstOrThrow({ where: { userId: f.people.engineer.id, projectId: f.projects.adsRanking.id, revokedAt: null, request: { status: "approved" } } });
    expect((await errorOf(revokeGrant(asPerson(f.people.otherManager), { grantId: grant.id, reason: "x" }))).code).toBe("forbidden");
    expect((await decideForEngineer()).decision).toBe("allow");
    await revokeGrant(asPerson(f.people.manager), { grantId: grant.id, reason: "Project cancelled." });
    const after = await prisma.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { request: true } });
    expect(after).toMatchObject({ revokedById: f.people.manager.id, revokeReason: "Project cancelled.", request: { status: "revoked" } });
    expect((await decideForEngineer()).decision).toBe("require_exception");
    expect((await errorOf(revokeGrant(asPerson(f.people.legal), { grantId: grant.id, reason: "again" }))).code).toBe("conflict");
    expect(await prisma.auditEntry.count({ where: { entityId: grant.id, action: "grant.revoked" } })).toBe(1);
  });

  it("expiry: a grant past its window never allows, and expireGrants marks the request expired once", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form({ endsAt: days(5) }));
    await approveRequest(asPerson(f.people.manager), { requestId: id });
    const { grantId } = await approveRequest(asPerson(f.people.legal), { requestId: id });
    const later = days(6);
    expect((await decideForEngineer(later)).decision).toBe("require_exception");
    expect(await expireGrants(later)).toBeGreaterThanOrEqual(1);
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("expired");
    expect(await expireGrants(later)).toBe(0);
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "request.expired" } })).toBe(1);
    expect((await errorOf(revokeGrant(asPerson(f.people.legal), { grantId: grantId!, reason: "late" }))).code).toBe("conflict");
  });

  it("comments: visible people comment and the others in the thread are told; outsiders learn nothing", async () => {
    const { id } = await submitRequest(asPerson(f.people.engineer), form({ project: "internal-docs" }));
    await addComment(asPerson(f.people.manager), { requestId: id, body: "Which services?" });
    expect(await prisma.notification.count({ where: { userId: f.people.engineer.id, kind: "request.comment" } })).toBe(1);
    expect((await errorOf(addComment(asPerson(f.people.peer), { requestId: id, body: "hi" }))).code).toBe("not_found");
    expect((await errorOf(addComment(asPerson(f.people.otherManager), { requestId: id, body: "hi" }))).code).toBe("not_found");
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
