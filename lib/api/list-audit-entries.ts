import "server-only";
import { prisma } from "@/lib/db/client";

/** A page of the audit log in sequence order, after `after`. */
export async function listAuditEntries(after: number, limit: number) {
  const rows = await prisma.auditEntry.findMany({ where: { seq: { gt: BigInt(after) } }, orderBy: { seq: "asc" }, take: limit });
  const entries = rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    data: (r.data ?? {}) as Record<string, unknown>,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  return { entries, nextAfter: entries.length === limit ? entries[entries.length - 1].seq : null };
}
