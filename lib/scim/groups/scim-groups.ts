import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { applyPatch, parsePatchBody, type PatchOperation } from "../apply-patch";
import { applyDirectoryRules } from "../directory-rules";
import { groupFilterToWhere } from "../filter-to-where";
import { parseScimGroup, scimGroupSelect, scimGroupWithMembersSelect, toScimGroup } from "../group-resource";
import { listResponse, projectResource, type ListParams } from "../list-params";
import { invalidValue, scimNotFound, uniqueness } from "../scim-error";
import { uniqueViolation } from "../users/save-scim-user";
import { saveScimGroup } from "./save-scim-group";

// Entra ID removes members with {"op":"Remove","path":"members","value":[{"value":"<id>"}]}: RFC 7644 removes by
// filter, so each listed member becomes members[value eq "<id>"] (scim-patch would compare whole objects).
function memberRemovalsByValue(op: PatchOperation): PatchOperation[] {
  if (op.op !== "remove" || op.path?.toLowerCase() !== "members" || !Array.isArray(op.value)) return [op];
  return op.value.flatMap((m: unknown) => {
    const id = (m as { value?: unknown })?.value;
    if (typeof id !== "string") throw invalidValue("members: each member to remove needs a value (a User id).");
    return [{ op: "remove" as const, path: `members[value eq ${JSON.stringify(id)}]` }];
  });
}

const wantsMembers = (excludedAttributes: string[]) => !excludedAttributes.some((a) => a.toLowerCase() === "members");

/** GET /Groups/{id}; `excludedAttributes=members` (Entra ID sends it) skips loading the members. */
export async function getScimGroup(id: string, baseUrl: string, excludedAttributes: string[] = []) {
  const row = wantsMembers(excludedAttributes)
    ? await prisma.scimGroup.findUnique({ where: { id }, select: scimGroupWithMembersSelect })
    : await prisma.scimGroup.findUnique({ where: { id }, select: scimGroupSelect });
  if (!row) throw scimNotFound("Group", id);
  return toScimGroup(row, baseUrl);
}

/** GET /Groups: filtered in the database, by name order of creation, paged. */
export async function listScimGroups(params: ListParams, baseUrl: string) {
  const where = params.filter ? groupFilterToWhere(params.filter) : {};
  const withMembers = wantsMembers(params.excludedAttributes) && (!params.attributes.length || params.attributes.some((a) => a.toLowerCase().startsWith("members")));
  const [total, rows] = await Promise.all([
    prisma.scimGroup.count({ where }),
    params.count === 0
      ? Promise.resolve([])
      : withMembers
        ? prisma.scimGroup.findMany({ where, select: scimGroupWithMembersSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: params.startIndex - 1, take: params.count })
        : prisma.scimGroup.findMany({ where, select: scimGroupSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: params.startIndex - 1, take: params.count }),
  ]);
  return listResponse(rows.map((r) => projectResource(toScimGroup(r, baseUrl), params.attributes, params.excludedAttributes)), total, params.startIndex);
}

async function inTransaction<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (uniqueViolation(e)) throw uniqueness("A group with this displayName or externalId already exists.");
    throw e;
  } finally {
    invalidatePolicySnapshot();
  }
}

/** POST /Groups. */
export async function createScimGroup(actor: Actor, body: unknown, baseUrl: string) {
  const input = parseScimGroup(body);
  const id = await inTransaction(() => prisma.$transaction((tx) => saveScimGroup(tx, actor, null, input, "scim.group.created")));
  return getScimGroup(id, baseUrl);
}

/** PUT /Groups/{id}: name, externalId and (when given) the whole member list. */
export async function replaceScimGroup(actor: Actor, id: string, body: unknown, baseUrl: string) {
  const input = parseScimGroup(body);
  await inTransaction(() =>
    prisma.$transaction(async (tx) => {
      if (!(await tx.scimGroup.findUnique({ where: { id }, select: { id: true } }))) throw scimNotFound("Group", id);
      await saveScimGroup(tx, actor, id, input, "scim.group.replaced");
    }),
  );
  return getScimGroup(id, baseUrl);
}

/** PATCH /Groups/{id}: add/remove/replace members and rename, in Okta's and Entra ID's forms. Answers 204. */
export async function patchScimGroup(actor: Actor, id: string, body: unknown, baseUrl: string): Promise<void> {
  const operations = parsePatchBody(body);
  await inTransaction(() =>
    prisma.$transaction(async (tx) => {
      const row = await tx.scimGroup.findUnique({ where: { id }, select: scimGroupWithMembersSelect });
      if (!row) throw scimNotFound("Group", id);
      const current = toScimGroup(row, baseUrl);
      const patched = applyPatch({ ...current, members: current.members ?? [] }, operations.flatMap(memberRemovalsByValue));
      // scim-patch drops an attribute whose last value is removed: no members key means no members left.
      const input = parseScimGroup({ ...patched, members: patched.members ?? [] });
      await saveScimGroup(tx, actor, id, { ...input, ...(!("externalId" in patched) && row.externalId ? { externalId: null } : {}) }, "scim.group.patched");
    }),
  );
}

/** DELETE /Groups/{id}: the group and its memberships go; the roles and teams it gave are recomputed. */
export async function deleteScimGroup(actor: Actor, id: string): Promise<void> {
  await inTransaction(() =>
    prisma.$transaction(async (tx) => {
      const row = await tx.scimGroup.findUnique({ where: { id }, select: { displayName: true, externalId: true, members: { select: { userId: true } } } });
      if (!row) throw scimNotFound("Group", id);
      await tx.scimGroup.delete({ where: { id } });
      const directory = await applyDirectoryRules(tx, actor, row.members.map((m) => m.userId));
      await appendAudit(tx, {
        actor, action: "scim.group.deleted", entityType: "scim_group", entityId: id,
        data: { displayName: row.displayName, externalId: row.externalId, members: row.members.length, ...(directory.length ? { directory } : {}) },
      });
    }),
  );
}
