import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listPeople } from "@/lib/people/list-people";
import { getPersonDetail } from "@/lib/people/get-person-detail";
import { placePerson, setPersonActive, setPersonRoles } from "@/lib/people/manage-person";
import { applyPeopleImport } from "@/lib/people/import-people";
import { savePolicyVersion } from "@/lib/policy/save-policy-version";
import { decide } from "@/lib/policy/decide";
import { peopleQuerySchema, placePersonSchema, setActiveSchema, setRolesSchema } from "@/lib/validation/people";
import { useTestDb } from "../../support/test-db";
import { baseRules, createPolicyFixtures, createRequestAndGrant, type PolicyFixtures } from "../policy/policy-fixtures";

useTestDb();

let f: PolicyFixtures;
const actor = () => ({ type: "user" as const, id: f.admin.id });
const query = (q: Record<string, string>) => peopleQuerySchema.parse(q);
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  f = await createPolicyFixtures();
  await savePolicyVersion(actor(), { baseVersion: 0, note: null, rules: baseRules(f) });
});

describe("people admin", () => {
  it("searches, filters by team, role and status, sorts and pages in the database", async () => {
    const all = await listPeople("all", query({}));
    expect(all.rows.map((r) => r.name)).toEqual(["Admin", "Ana", "Bo"]);
    expect(all.rows[0]).toMatchObject({ email: "admin@example.com", roles: ["admin"], team: null, source: "Initial load" });
    expect((await listPeople("all", query({ q: "BO@" }))).rows.map((r) => r.name)).toEqual(["Bo"]);
    expect((await listPeople("all", query({ team: "eng", sort: "name", dir: "desc" }))).rows.map((r) => r.name)).toEqual(["Bo", "Ana"]);
    expect((await listPeople("all", query({ role: "admin" }))).total).toBe(1);
    expect((await listPeople("all", query({ role: "wizard", page: "x", sort: "nonsense" }))).total).toBe(3);
    // a manager's scope is the ids they may see
    expect((await listPeople([f.ana.id], query({}))).rows.map((r) => r.name)).toEqual(["Ana"]);
  });

  it("assigns roles with an audit entry, and keeps the last admin", async () => {
    await setPersonRoles(actor(), setRolesSchema.parse({ id: f.ana.id, roles: ["engineer", "manager"] }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: f.ana.id } })).roles).toEqual(["engineer", "manager"]);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user.roles_changed", entityId: f.ana.id } });
    expect(audit.data).toMatchObject({ before: ["engineer"], after: ["engineer", "manager"] });
    expect(setRolesSchema.safeParse({ id: f.ana.id }).success).toBe(false);
    const last = await errorOf(setPersonRoles(actor(), { id: f.admin.id, roles: ["engineer"] }));
    expect(last?.message).toMatch(/last active admin/);
  });

  it("changes team and manager, and refuses a reporting loop or an unknown manager", async () => {
    await placePerson(actor(), placePersonSchema.parse({ id: f.bo.id, teamId: "", managerEmail: "ANA@example.com" }));
    const bo = await prisma.user.findUniqueOrThrow({ where: { id: f.bo.id } });
    expect([bo.teamId, bo.managerId]).toEqual([null, f.ana.id]);
    expect(await prisma.auditEntry.count({ where: { action: "user.placed", entityId: f.bo.id } })).toBe(1);
    const loop = await errorOf(placePerson(actor(), { id: f.ana.id, teamId: f.eng.id, managerEmail: "bo@example.com" }));
    expect(loop?.fields).toEqual([{ path: "managerEmail", message: expect.stringMatching(/reporting loop/) }]);
    const unknown = await errorOf(placePerson(actor(), { id: f.ana.id, teamId: f.eng.id, managerEmail: "nobody@example.com" }));
    expect(unknown?.fields[0].path).toBe("managerEmail");
    await placePerson(actor(), { id: f.bo.id, teamId: f.eng.id, managerEmail: null });
  });

  it("deactivation: decisions fail closed with user_inactive, live grants are revoked, pending requests withdrawn, history is kept; reactivation restores access", async () => {
    const { grant } = await createRequestAndGrant(f, new Date());
    const waiting = await prisma.exceptionRequest.create({
      data: {
        requesterId: f.bo.id, toolId: f.codex.id, activityId: f.product.id, projectId: f.infra.id, justification: "Infra scripts", dataHandling: "Stays in the repo",
        startsAt: new Date(), endsAt: new Date(Date.now() + 86_400_000), status: "pending_legal", requiresLegal: true, policyVersion: 1,
      },
    });
    const legalItem = await prisma.reviewItem.create({ data: { type: "legal_request", groupKey: `legal_request:${waiting.id}`, title: "Legal stage", requestId: waiting.id, userId: f.bo.id } });
    const ask = () => decide({ user: "bo@example.com", tool: "codex", activity: "product-code", project: "ads-ranking" });
    expect((await ask()).decision).toBe("allow");

    const { revokedGrants, withdrawnRequests } = await setPersonActive(actor(), setActiveSchema.parse({ id: f.bo.id, active: "false" }));
    expect([revokedGrants, withdrawnRequests]).toEqual([1, 1]);
    // nobody is left reviewing a request from someone who is gone
    expect((await prisma.exceptionRequest.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("withdrawn");
    expect((await prisma.reviewItem.findUniqueOrThrow({ where: { id: legalItem.id } })).status).toBe("cleared");
    expect(await prisma.auditEntry.findFirst({ where: { action: "request.withdrawn", entityId: waiting.id } })).toMatchObject({ data: { from: "pending_legal", to: "withdrawn", reason: "The person was deactivated." } });
    expect(await prisma.auditEntry.count({ where: { action: "grant.revoked", entityId: grant.id } })).toBe(1);
    expect(await ask()).toMatchObject({ decision: "deny", reasons: [{ code: "user_inactive" }] });
    const revoked = await prisma.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { request: true } });
    expect([revoked.revokeReason, revoked.request.status]).toEqual(["The person was deactivated.", "revoked"]);
    const bo = await prisma.user.findUniqueOrThrow({ where: { id: f.bo.id }, include: { _count: { select: { grants: true, requests: true } } } });
    expect([bo.active, bo.deactivatedAt instanceof Date, bo._count.grants, bo._count.requests]).toEqual([false, true, 2, 3]);
    expect(await prisma.auditEntry.findFirst({ where: { action: "user.deactivated", entityId: f.bo.id } })).toMatchObject({ data: { email: "bo@example.com", revokedGrants: 1, withdrawnRequests: 1 } });
    expect((await listPeople("all", query({}))).rows.map((r) => r.name)).not.toContain("Bo");
    expect((await listPeople("all", query({ status: "inactive" }))).rows.map((r) => r.name)).toEqual(["Bo"]);

    // importing a deactivated person's row does not bring them back
    await applyPeopleImport(actor(), "email,name\nbo@example.com,Bo\n");
    expect((await ask()).reasons[0].code).toBe("user_inactive");

    await setPersonActive(actor(), { id: f.bo.id, active: true });
    // the revoked grant stays revoked: product code needs a new exception
    expect(await ask()).toMatchObject({ decision: "require_exception", reasons: [{ code: "exception_required" }] });
    expect(await prisma.auditEntry.count({ where: { action: "user.reactivated", entityId: f.bo.id } })).toBe(1);
  });

  it("an admin cannot deactivate themselves", async () => {
    expect((await errorOf(setPersonActive(actor(), { id: f.admin.id, active: false })))?.message).toBe("You cannot deactivate yourself.");
  });

  it("a person's detail: team, manager, roles, cap, keys they made, live grants and where they came from", async () => {
    await prisma.apiKey.create({ data: { name: "Gateway EU", prefix: "grk_abcd", hash: "h-1", scopes: ["decide"], createdById: f.admin.id } });
    await applyPeopleImport(actor(), "email,name,team,manager email\nnew@example.com,New Person,eng,ana@example.com\n", "new.csv");
    const created = await prisma.user.findUniqueOrThrow({ where: { email: "new@example.com" } });
    const detail = (await getPersonDetail(created.id))!;
    expect(detail).toMatchObject({ name: "New Person", team: { slug: "eng" }, manager: { email: "ana@example.com" }, roles: ["engineer"], source: { label: "CSV import" } });
    expect(detail.cap.limit).toBeGreaterThan(0);
    const admin = (await getPersonDetail(f.admin.id))!;
    expect(admin.apiKeys.map((k) => k.name)).toEqual(["Gateway EU"]);
    expect(admin.source.label).toBe("Initial load");
    expect(await getPersonDetail("00000000-0000-4000-8000-00000000dead")).toBeNull();
  });
});
