import "server-only";
import { prisma } from "@/lib/db/client";
import type { AuditFilter } from "@/lib/validation/audit";
import { canonicalEntityType, storedEntityTypeNames } from "./entity-type";

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first, with the actions and entity types there are to filter by. */
export async function listAuditEntries(filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  const where = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.entityType ? { entityType: { in: storedEntityTypeNames(filter.entityType) } } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  const [total, rows, actions, entityTypes] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({ where, orderBy: { seq: "desc" }, skip: (filter.page - 1) * pageSize, take: pageSize }),
    prisma.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    prisma.auditEntry.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
  ]);
  const idsOf = (type: string) => [...new Set(rows.flatMap((r) => (r.actorType === type && r.actorId ? [r.actorId] : [])))];
  const [people, keys] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: idsOf("user") } }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { id: { in: idsOf("api_key") } }, select: { id: true, name: true } }),
  ]);
  const nameOf = new Map([...people, ...keys].map((a) => [a.id, a.name]));
  return {
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    actions: actions.map((a) => a.action),
    entityTypes: [...new Set(entityTypes.map((e) => canonicalEntityType(e.entityType) ?? e.entityType))].sort(),
    entries: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actor: r.actorType === "system" ? "system" : (nameOf.get(r.actorId ?? "") ?? r.actorId ?? "unknown"),
      actorType: r.actorType,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: JSON.stringify(r.data),
      hash: r.hash,
    })),
  };
}
