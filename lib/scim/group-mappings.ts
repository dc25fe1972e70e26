import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { conflict, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateGroupMappingInput } from "@/lib/validation/scim-mapping";
import { applyDirectoryRules } from "./directory-rules";

async function membersOfGroupNamed(tx: Tx, groupName: string): Promise<string[]> {
  const rows = await tx.scimGroupMember.findMany({ where: { group: { displayName: { equals: groupName, mode: "insensitive" } } }, select: { userId: true } });
  return [...new Set(rows.map((r) => r.userId))];
}

/** Maps an identity-provider group (by name) to a team and/or role; its current members get them at once. */
export async function createGroupMapping(actor: Actor, input: CreateGroupMappingInput) {
  const result = await prisma.$transaction(async (tx) => {
    if (await tx.scimGroupMapping.findFirst({ where: { groupName: { equals: input.groupName, mode: "insensitive" } }, select: { id: true } })) {
      throw conflict(`The group "${input.groupName}" is already mapped. Remove that mapping first.`);
    }
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw notFound("Team");
    const mapping = await tx.scimGroupMapping.create({ data: { groupName: input.groupName, teamId: input.teamId ?? null, role: input.role ?? null } });
    const directory = await applyDirectoryRules(tx, actor, await membersOfGroupNamed(tx, input.groupName));
    await appendAudit(tx, {
      actor, action: "scim.mapping.created", entityType: "scim_group_mapping", entityId: mapping.id,
      data: { groupName: mapping.groupName, teamId: mapping.teamId, role: mapping.role, peopleChanged: directory.length, directory },
    });
    return { mapping, changed: directory.length };
  });
  invalidatePolicySnapshot();
  return result;
}

/** Removes a mapping; members keep their team, and lose the role unless another mapped group gives it. */
export async function removeGroupMapping(actor: Actor, id: string) {
  const result = await prisma.$transaction(async (tx) => {
    const mapping = await tx.scimGroupMapping.findUnique({ where: { id } });
    if (!mapping) throw notFound("Group mapping");
    await tx.scimGroupMapping.delete({ where: { id } });
    const directory = await applyDirectoryRules(tx, actor, await membersOfGroupNamed(tx, mapping.groupName), { releasedRoles: mapping.role ? [mapping.role] : [] });
    await appendAudit(tx, {
      actor, action: "scim.mapping.removed", entityType: "scim_group_mapping", entityId: id,
      data: { groupName: mapping.groupName, teamId: mapping.teamId, role: mapping.role, peopleChanged: directory.length, directory },
    });
    return { mapping, changed: directory.length };
  });
  invalidatePolicySnapshot();
  return result;
}

/** The mappings, the groups identity providers pushed (with member counts), the teams to choose from, and SCIM tokens. */
export async function loadProvisioningOverview() {
  const [mappings, groups, teams, tokens, provisioned] = await Promise.all([
    prisma.scimGroupMapping.findMany({ orderBy: { groupName: "asc" }, select: { id: true, groupName: true, role: true, team: { select: { id: true, name: true } } } }),
    prisma.scimGroup.findMany({ orderBy: { displayName: "asc" }, select: { id: true, displayName: true, updatedAt: true, _count: { select: { members: true } } } }),
    prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.apiKey.count({ where: { scopes: { has: "scim" }, revokedAt: null } }),
    prisma.user.count({ where: { provisioningSource: "scim" } }),
  ]);
  const mapped = new Set(mappings.map((m) => m.groupName.toLowerCase()));
  return {
    mappings,
    groups: groups.map((g) => ({ id: g.id, displayName: g.displayName, members: g._count.members, updatedAt: g.updatedAt, mapped: mapped.has(g.displayName.toLowerCase()) })),
    teams,
    activeScimTokens: tokens,
    provisionedPeople: provisioned,
  };
}
