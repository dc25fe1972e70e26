import "server-only";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { applyDirectoryRules } from "../directory-rules";
import type { ScimGroupInput } from "../group-resource";
import { invalidValue, uniqueness } from "../scim-error";
import { visibleToScim } from "../users/save-scim-user";

/**
 * Writes a SCIM Group (a new one when `existingId` is null) in the caller's transaction: unique name and
 * externalId, members that exist, then roles and teams of everyone whose groups changed, and the audit entry.
 */
export async function saveScimGroup(tx: Tx, actor: Actor, existingId: string | null, input: ScimGroupInput, action: string): Promise<string> {
  const others = existingId ? { id: { not: existingId } } : {};
  if (await tx.scimGroup.findFirst({ where: { ...others, displayName: { equals: input.displayName, mode: "insensitive" } }, select: { id: true } })) {
    throw uniqueness(`A group named "${input.displayName}" already exists.`);
  }
  if (input.externalId && (await tx.scimGroup.findFirst({ where: { ...others, externalId: input.externalId }, select: { id: true } }))) {
    throw uniqueness(`externalId "${input.externalId}" is already used by another group.`);
  }
  const before = existingId
    ? await tx.scimGroup.findUniqueOrThrow({ where: { id: existingId }, select: { displayName: true, externalId: true, members: { select: { userId: true } } } })
    : null;
  const data = { displayName: input.displayName, ...(input.externalId !== undefined ? { externalId: input.externalId } : {}) };
  const id = existingId
    ? (await tx.scimGroup.update({ where: { id: existingId }, data, select: { id: true } })).id
    : (await tx.scimGroup.create({ data, select: { id: true } })).id;

  const previous = new Set(before?.members.map((m) => m.userId) ?? []);
  let added: string[] = [];
  let removed: string[] = [];
  if (input.memberIds) {
    const next = new Set(input.memberIds);
    added = input.memberIds.filter((u) => !previous.has(u));
    removed = [...previous].filter((u) => !next.has(u));
    if (added.length) {
      const found = await tx.user.findMany({ where: { id: { in: added }, ...visibleToScim }, select: { id: true } });
      const missing = added.filter((u) => !found.some((f) => f.id === u));
      if (missing.length) throw invalidValue(`members: no User has the id ${missing.map((m) => `"${m}"`).join(", ")}.`);
      await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: id, userId })), skipDuplicates: true });
    }
    if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: id, userId: { in: removed } } });
  }
  const renamed = before && before.displayName.toLowerCase() !== input.displayName.toLowerCase();
  const affected = renamed ? [...new Set([...previous, ...(input.memberIds ?? [])])] : [...added, ...removed];
  const directory = await applyDirectoryRules(tx, actor, affected);

  const changes: Record<string, unknown> = {};
  if (!before || before.displayName !== input.displayName) changes.displayName = { from: before?.displayName ?? null, to: input.displayName };
  if (input.externalId !== undefined && (before?.externalId ?? null) !== input.externalId) changes.externalId = { from: before?.externalId ?? null, to: input.externalId };
  if (added.length) changes.membersAdded = added;
  if (removed.length) changes.membersRemoved = removed;
  if (Object.keys(changes).length || directory.length) {
    await appendAudit(tx, { actor, action, entityType: "scim_group", entityId: id, data: { ...changes, ...(directory.length ? { directory } : {}) } });
  }
  return id;
}
