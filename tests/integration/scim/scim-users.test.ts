import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import type { Actor } from "@/lib/audit/append-audit";
import { parseListParams } from "@/lib/scim/list-params";
import { ENTERPRISE_USER_SCHEMA } from "@/lib/scim/scim-schemas";
import { createScimUser } from "@/lib/scim/users/create-scim-user";
import { deleteScimUser } from "@/lib/scim/users/delete-scim-user";
import { patchScimUser } from "@/lib/scim/users/patch-scim-user";
import { getScimUser, listScimUsers } from "@/lib/scim/users/read-scim-users";
import { replaceScimUser } from "@/lib/scim/users/replace-scim-user";
import { useTestDb } from "../../support/test-db";
import { BASE_URL, createScimToken, idpBody } from "./scim-fixture";

useTestDb();
let okta: Actor;
let entra: Actor;
beforeAll(async () => {
  okta = (await createScimToken("Okta")).actor;
  entra = (await createScimToken("Entra ID")).actor;
});

const list = async (query: Record<string, string>) => listScimUsers(parseListParams(query), BASE_URL);

describe("Okta's user lifecycle with its documented bodies", () => {
  it("looks up, creates, reads, replaces and deactivates a user, each change audited with the token", async () => {
    const lookup = { filter: 'userName eq "test.user@okta.local"', startIndex: "1", count: "100" };
    expect(await list(lookup)).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await createScimUser(okta, idpBody("okta/create-user.json"), BASE_URL);
    expect(created).toMatchObject({
      userName: "test.user@okta.local", externalId: "00ujl29u0le5T6Aj10h7", displayName: "Test User", active: true,
      name: { givenName: "Test", familyName: "User" }, emails: [{ value: "test.user@okta.local", type: "work", primary: true }],
      meta: { resourceType: "User", location: `${BASE_URL}/Users/${created.id}` },
    });
    expect((await list(lookup)).Resources.map((r) => r.id)).toEqual([created.id]);
    expect(await getScimUser(created.id, BASE_URL)).toEqual(created);

    const replaced = await replaceScimUser(okta, created.id, idpBody("okta/replace-user.json", { "23a35c27-23d3-4c03-b4c5-6443c09e7173": created.id }), BASE_URL);
    expect(replaced).toMatchObject({ displayName: "Another User", name: { givenName: "Another", familyName: "User" }, externalId: "00ujl29u0le5T6Aj10h7" });

    const deactivated = await patchScimUser(okta, created.id, idpBody("okta/deactivate-user.json"), BASE_URL);
    expect(deactivated.active).toBe(false);
    const person = await prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(person).toMatchObject({ active: false, provisioningSource: "scim", roles: ["engineer"] });
    expect(person.deactivatedAt).not.toBeNull();

    const audit = await prisma.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType, a.actorId])).toEqual([
      ["scim.user.created", "api_key", okta.id],
      ["scim.user.replaced", "api_key", okta.id],
      ["scim.user.patched", "api_key", okta.id],
    ]);
    expect(audit[2].data).toMatchObject({ changes: { active: { from: true, to: false } } });
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });

  it("a second user with the same userName, in any case, is a 409 uniqueness error", async () => {
    const body = idpBody("okta/create-user.json") as Record<string, unknown>;
    await expect(createScimUser(okta, { ...body, externalId: "other" }, BASE_URL)).rejects.toMatchObject({ status: 409, scimType: "uniqueness" });
    await expect(createScimUser(okta, { ...body, userName: "TEST.USER@OKTA.LOCAL", externalId: "other" }, BASE_URL)).rejects.toMatchObject({ status: 409, scimType: "uniqueness" });
  });
});

describe("Entra ID's user lifecycle with its documented bodies", () => {
  it("creates, then applies Replace operations (path forms, string \"False\", several at once)", async () => {
    const created = await createScimUser(entra, idpBody("entra/create-user.json"), BASE_URL);
    expect(created).toMatchObject({ userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee", externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", displayName: "givenName familyName" });

    const found = await list({ filter: 'userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"' });
    expect(found).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });
    expect((await list({ filter: 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"' })).totalResults).toBe(1);

    const multi = await patchScimUser(entra, created.id, idpBody("entra/update-user-multi-valued.json"), BASE_URL);
    expect(multi).toMatchObject({ emails: [{ value: "updatedemail@microsoft.com" }], name: { familyName: "updatedFamilyName", givenName: "givenName" }, displayName: "givenName updatedFamilyName" });
    expect((await list({ filter: 'emails[type eq "work"].value eq "updatedEmail@microsoft.com"' })).totalResults).toBe(1);

    const renamed = await patchScimUser(entra, created.id, idpBody("entra/update-user-single-valued.json"), BASE_URL);
    expect(renamed.userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");

    const several = await patchScimUser(entra, created.id, idpBody("entra/replace-multiple-attributes.json"), BASE_URL);
    expect(several).toMatchObject({ displayName: "Pvlo", externalId: "Eqpj", name: { givenName: "Gtfd", familyName: "Pkqf" }, [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "Eqpj" } });
    const compliant = await patchScimUser(entra, created.id, idpBody("entra/replace-multiple-attributes-compliant.json"), BASE_URL);
    expect(compliant).toMatchObject({ displayName: "Bjfe", name: { givenName: "Kkom", familyName: "Unua" }, [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "Aklq" } });

    const disabled = await patchScimUser(entra, created.id, idpBody("entra/disable-user-string-false.json"), BASE_URL);
    expect(disabled.active).toBe(false);
    expect((await list({ filter: "active eq false" })).Resources.map((r) => r.id)).toContain(created.id);
  });

  it("department sets the team (made when missing) and manager.value the manager", async () => {
    const boss = await createScimUser(entra, { userName: "boss@contoso.com", displayName: "Boss", [ENTERPRISE_USER_SCHEMA]: { department: "Legal" } }, BASE_URL);
    const report = await createScimUser(entra, { userName: "report@contoso.com", [ENTERPRISE_USER_SCHEMA]: { department: "legal", manager: { value: boss.id } } }, BASE_URL);
    const [b, r] = await Promise.all([boss.id, report.id].map((id) => prisma.user.findUniqueOrThrow({ where: { id }, include: { team: true } })));
    expect(b.team?.name).toBe("Legal");
    expect(r.teamId).toBe(b.teamId);
    expect(r.managerId).toBe(boss.id);
    expect(report[ENTERPRISE_USER_SCHEMA]).toMatchObject({ department: "legal", manager: { value: boss.id, displayName: "Boss" } });
    expect(await prisma.team.count({ where: { name: { equals: "legal", mode: "insensitive" } } })).toBe(1);

    const other = await createScimUser(entra, { userName: "other@contoso.com" }, BASE_URL);
    const withManager = await patchScimUser(entra, other.id, idpBody("entra/add-manager.json", { "00aa00aa-bb11-cc22-dd33-44ee44ee44ee": boss.id }), BASE_URL);
    expect(withManager[ENTERPRISE_USER_SCHEMA]).toMatchObject({ manager: { value: boss.id } });
    const cleared = await patchScimUser(entra, other.id, { Operations: [{ op: "remove", path: `${ENTERPRISE_USER_SCHEMA}:manager` }] }, BASE_URL);
    expect(cleared[ENTERPRISE_USER_SCHEMA]).not.toHaveProperty("manager");

    await expect(patchScimUser(entra, other.id, { Operations: [{ op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: "no-such-user" }] }, BASE_URL)).rejects.toMatchObject({
      status: 400, scimType: "invalidValue",
    });
    await expect(patchScimUser(entra, other.id, { Operations: [{ op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: other.id }] }, BASE_URL)).rejects.toMatchObject({ status: 400 });
  });
});

describe("listing, paging and errors", () => {
  it("pages with startIndex and count in a stable order; count=0 gives only the total", async () => {
    for (let i = 0; i < 5; i++) await createScimUser(okta, { userName: `page${i}@example.com` }, BASE_URL);
    const filter = 'userName sw "page"';
    const all = await list({ filter });
    expect(all.totalResults).toBe(5);
    const page = await list({ filter, startIndex: "2", count: "2" });
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((r) => r.id)).toEqual(all.Resources.slice(1, 3).map((r) => r.id));
    expect(await list({ filter, count: "0" })).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect(await list({ filter, startIndex: "-3", count: "1" })).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    const slim = await list({ filter, count: "1", attributes: "userName" });
    expect(Object.keys(slim.Resources[0]).sort()).toEqual(["id", "meta", "schemas", "userName"]);
  });

  it("answers unknown ids with 404 and bad input with 400, never a 500", async () => {
    await expect(getScimUser("00000000-0000-0000-0000-000000000000", BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(patchScimUser(okta, "nope", idpBody("okta/deactivate-user.json"), BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(replaceScimUser(okta, "nope", { userName: "x@example.com" }, BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(deleteScimUser(okta, "nope")).rejects.toMatchObject({ status: 404 });
    await expect(list({ filter: 'userName eq "unterminated' })).rejects.toMatchObject({ status: 400, scimType: "invalidFilter" });
    await expect(list({ filter: 'password eq "x"' })).rejects.toMatchObject({ status: 400, scimType: "invalidFilter" });
    await expect(list({ count: "ten" })).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
    await expect(createScimUser(okta, { userName: 42 }, BASE_URL)).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
    await expect(createScimUser(okta, "not an object", BASE_URL)).rejects.toMatchObject({ status: 400 });
  });
});
