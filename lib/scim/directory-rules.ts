import "server-only";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import type { Role } from "@/lib/generated/prisma/enums";

export type DirectoryChange = { userId: string; roles?: { from: Role[]; to: Role[] }; teamId?: { from: string | null; to: string | null } };

const sameSet = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x) => b.includes(x));

export function slugOf(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "team";
}

/** The team a department names (by name or slug, ignoring case), created at the top of the tree when there is none. */
async function teamForDepartment(tx: Tx, actor: Actor, department: string, cache: Map<string, string>): Promise<string> {
  const key = department.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const slug = slugOf(department);
  const found = await tx.team.findFirst({ where: { OR: [{ name: { equals: department, mode: "insensitive" } }, { slug }] }, select: { id: true } });
  let id = found?.id;
  if (!id) {
    // Two people of a new department provisioned at once: the second insert waits for the first and skips.
    const { count } = await tx.team.createMany({ data: [{ slug, name: department }], skipDuplicates: true });
    id = (await tx.team.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
    if (count) await appendAudit(tx, { actor, action: "team.created", entityType: "team", entityId: id, data: { slug, name: department, source: "scim department" } });
  }
  cache.set(key, id);
  return id;
}

/**
 * Recomputes roles and team of these people from their identity-provider groups and department:
 * - a role that some group mapping grants is held exactly by the members of such groups (roles no mapping
 *   mentions are left as admins set them); nobody is left without a role (engineer);
 * - the team is the one a mapped group gives (first group by name), else the department's team, else unchanged.
 * Writes only what changes and returns the changes for the caller's audit entry.
 */
export async function applyDirectoryRules(tx: Tx, actor: Actor, userIds: string[], options: { releasedRoles?: Role[] } = {}): Promise<DirectoryChange[]> {
  if (!userIds.length) return [];
  const mappings = await tx.scimGroupMapping.findMany({ select: { groupName: true, teamId: true, role: true } });
  // releasedRoles: roles a mapping that was just removed gave; whoever no other mapping entitles loses them.
  const managedRoles = new Set([...mappings.flatMap((m) => (m.role ? [m.role] : [])), ...(options.releasedRoles ?? [])]);
  const byGroup = new Map<string, typeof mappings>();
  for (const m of mappings) byGroup.set(m.groupName.toLowerCase(), [...(byGroup.get(m.groupName.toLowerCase()) ?? []), m]);

  const people = await tx.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, roles: true, teamId: true, department: true, scimGroups: { select: { group: { select: { displayName: true } } } } },
  });
  const departmentTeams = new Map<string, string>();
  const changes: DirectoryChange[] = [];
  for (const p of people) {
    const groupNames = p.scimGroups.map((g) => g.group.displayName).sort((a, b) => a.localeCompare(b));
    const matched = groupNames.flatMap((g) => byGroup.get(g.toLowerCase()) ?? []);
    const granted = new Set(matched.flatMap((m) => (m.role ? [m.role] : [])));
    let roles = [...new Set([...p.roles.filter((r) => !managedRoles.has(r)), ...granted])].sort() as Role[];
    if (!roles.length) roles = ["engineer"];
    const mappedTeam = matched.find((m) => m.teamId)?.teamId ?? null;
    const teamId = mappedTeam ?? (p.department ? await teamForDepartment(tx, actor, p.department, departmentTeams) : p.teamId);

    const change: DirectoryChange = { userId: p.id };
    if (!sameSet(roles, p.roles)) change.roles = { from: p.roles, to: roles };
    if (teamId !== p.teamId) change.teamId = { from: p.teamId, to: teamId };
    if (!change.roles && change.teamId === undefined) continue;
    await tx.user.update({ where: { id: p.id }, data: { ...(change.roles ? { roles } : {}), ...(change.teamId ? { teamId } : {}) } });
    changes.push(change);
  }
  return changes;
}
