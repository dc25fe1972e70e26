import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { createGroupMapping, removeGroupMapping } from "@/lib/scim/group-mappings";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups/scim-groups";
import { parseListParams } from "@/lib/scim/list-params";
import { createScimUser } from "@/lib/scim/users/create-scim-user";
import { getScimUser } from "@/lib/scim/users/read-scim-users";
import { useTestDb } from "../../support/test-db";
import { BASE_URL, createScimToken, idpBody } from "./scim-fixture";

useTestDb();
let okta: Actor;
let entra: Actor;
let admin: Actor;
let ana: string;
let ben: string;
beforeAll(async () => {
  okta = (await createScimToken("Okta")).actor;
  entra = (await createScimToken("Entra ID")).actor;
  admin = { type: "user", id: (await prisma.user.create({ data: { email: "admin@example.com", employeeId: "E-ADM", name: "Admin", roles: ["admin"] } })).id };
  ana = (await createScimUser(okta, { userName: "ana@example.com", displayName: "Ana" }, BASE_URL)).id;
  ben = (await createScimUser(okta, { userName: "ben@example.com", displayName: "Ben" }, BASE_URL)).id;
});

const members = async (id: string) => ((await getScimGroup(id, BASE_URL)).members ?? []).map((m) => m.value).sort();
const list = async (query: Record<string, string>) => listScimGroups(parseListParams(query), BASE_URL);

describe("Okta's group push with its documented bodies", () => {
  it("creates, renames, changes members (remove by filter, add, full replace) and deletes a group", async () => {
    const group = await createScimGroup(okta, idpBody("okta/create-group.json"), BASE_URL);
    expect(group).toMatchObject({ displayName: "Test SCIMv2", members: [], meta: { resourceType: "Group" } });

    await patchScimGroup(okta, group.id, idpBody("okta/rename-group.json", { "abf4dd94-a4c0-4f67-89c9-76b03340cb9b": group.id, "Test SCIMv2": "Test SCIMv20" }), BASE_URL);
    expect((await getScimGroup(group.id, BASE_URL)).displayName).toBe("Test SCIMv20");

    await patchScimGroup(okta, group.id, { Operations: [{ op: "add", path: "members", value: [{ value: ben }] }] }, BASE_URL);
    const ids = { "89bb1940-b905-4575-9e7f-6f887cfb368e": ben, "23a35c27-23d3-4c03-b4c5-6443c09e7173": ana };
    await patchScimGroup(okta, group.id, idpBody("okta/update-group-membership.json", ids), BASE_URL);
    expect(await members(group.id)).toEqual([ana]);
    await patchScimGroup(okta, group.id, idpBody("okta/replace-group-members.json", ids), BASE_URL);
    expect(await members(group.id)).toEqual([ana, ben].sort());
    expect((await getScimUser(ana, BASE_URL)).groups).toEqual([expect.objectContaining({ value: group.id, display: "Test SCIMv20" })]);

    expect(await list({ filter: 'displayName eq "test scimv20"', startIndex: "1", count: "100" })).toMatchObject({ totalResults: 1, Resources: [{ id: group.id }] });
    expect((await list({ filter: `members eq "${ana}"` })).totalResults).toBe(1);

    await deleteScimGroup(okta, group.id);
    await expect(getScimGroup(group.id, BASE_URL)).rejects.toMatchObject({ status: 404 });
    expect((await getScimUser(ana, BASE_URL)).groups).toEqual([]);
    const audit = await prisma.auditEntry.findMany({ where: { entityId: group.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["scim.group.created", "scim.group.patched", "scim.group.patched", "scim.group.patched", "scim.group.patched", "scim.group.deleted"]);
    expect(audit.every((a) => a.actorId === okta.id)).toBe(true);
  });
});

describe("Entra ID's group provisioning with its documented bodies", () => {
  it("creates with externalId, adds and removes members in both forms, renames; excludedAttributes=members", async () => {
    const group = await createScimGroup(entra, idpBody("entra/create-group.json"), BASE_URL);
    expect(group).toMatchObject({ externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", displayName: "displayName" });
    const found = await list({ excludedAttributes: "members", filter: 'displayName eq "displayName"' });
    expect(found.Resources).toHaveLength(1);
    expect(found.Resources[0]).not.toHaveProperty("members");
    expect(await getScimGroup(group.id, BASE_URL, ["members"])).not.toHaveProperty("members");

    await patchScimGroup(entra, group.id, idpBody("entra/add-members.json", { f648f8d5ea4e4cd38e9c: ana }), BASE_URL);
    await patchScimGroup(entra, group.id, idpBody("entra/add-members.json", { f648f8d5ea4e4cd38e9c: ben }), BASE_URL);
    expect(await members(group.id)).toEqual([ana, ben].sort());
    await patchScimGroup(entra, group.id, idpBody("entra/remove-members.json", { f648f8d5ea4e4cd38e9c: ana }), BASE_URL);
    expect(await members(group.id)).toEqual([ben]);
    await patchScimGroup(entra, group.id, idpBody("entra/remove-member-compliant.json", { "7f4bc1a3-285e-48ae-8202-5accb43efb0e": ben }), BASE_URL);
    expect(await members(group.id)).toEqual([]);

    await patchScimGroup(entra, group.id, idpBody("entra/update-group-display-name.json"), BASE_URL);
    expect((await getScimGroup(group.id, BASE_URL)).displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
  });

  it("refuses duplicate names, unknown members and unknown ids with SCIM errors", async () => {
    await createScimGroup(entra, { displayName: "dup" }, BASE_URL);
    await expect(createScimGroup(entra, { displayName: "DUP" }, BASE_URL)).rejects.toMatchObject({ status: 409, scimType: "uniqueness" });
    await expect(createScimGroup(entra, { displayName: "x", members: [{ value: "nobody" }] }, BASE_URL)).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
    await expect(createScimGroup(entra, { members: [] }, BASE_URL)).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
    await expect(patchScimGroup(entra, "nope", idpBody("entra/add-members.json"), BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(replaceScimGroup(entra, "nope", { displayName: "y" }, BASE_URL)).rejects.toMatchObject({ status: 404 });
    await expect(list({ filter: 'description eq "x"' })).rejects.toMatchObject({ status: 400, scimType: "invalidFilter" });
  });
});

describe("group mappings: identity-provider groups give teams and roles", () => {
  it("a member of a mapped group gets its role and team, and loses the role on leaving; unmapped roles are kept", async () => {
    const legalTeam = await prisma.team.create({ data: { slug: "legal", name: "Legal" } });
    await prisma.user.update({ where: { id: ana }, data: { roles: ["engineer", "manager"] } });
    const mapping = await createGroupMapping(admin, { groupName: "legal-reviewers", role: "legal", teamId: legalTeam.id });

    const group = await createScimGroup(okta, { displayName: "Legal-Reviewers", members: [{ value: ana }] }, BASE_URL);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: ana } })).toMatchObject({ roles: ["engineer", "legal", "manager"], teamId: legalTeam.id });

    await replaceScimGroup(okta, group.id, { displayName: "Legal-Reviewers", members: [{ value: ben }] }, BASE_URL);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ana } })).roles).toEqual(["engineer", "manager"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ben } })).roles).toEqual(["engineer", "legal"]);

    const removed = await removeGroupMapping(admin, mapping.mapping.id);
    expect(removed.changed).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ben } })).roles).toEqual(["engineer"]);

    const adminsGroup = await createScimGroup(okta, { displayName: "guardrail-admins", members: [{ value: ben }] }, BASE_URL);
    const adminMapping = await createGroupMapping(admin, { groupName: "guardrail-admins", role: "admin" });
    expect(adminMapping.changed).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ben } })).roles).toEqual(["admin", "engineer"]);
    await expect(createGroupMapping(admin, { groupName: "GUARDRAIL-ADMINS", role: "legal" })).rejects.toMatchObject({ status: 409 });
    await deleteScimGroup(okta, adminsGroup.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ben } })).roles).toEqual(["engineer"]);

    const audit = await prisma.auditEntry.findMany({ where: { action: { startsWith: "scim.mapping." } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([["scim.mapping.created", "user"], ["scim.mapping.removed", "user"], ["scim.mapping.created", "user"]]);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
