import "server-only";
import { prisma } from "@/lib/db/client";

export type ProvisioningSource = { label: string; at: Date | null };

/**
 * How each person got into the directory, read from the audit log (no column: the first entry that created them
 * says it). A person with no such entry came from the seed or an earlier load; SCIM pushes are made by an API key.
 */
export async function provisioningSources(userIds: string[]): Promise<Map<string, ProvisioningSource>> {
  const entries = await prisma.auditEntry.findMany({
    where: { entityType: "user", entityId: { in: userIds }, action: { in: ["user.created", "user.provisioned", "scim.user.created"] } },
    orderBy: { seq: "asc" },
    select: { entityId: true, action: true, actorType: true, data: true, at: true },
  });
  const out = new Map<string, ProvisioningSource>();
  for (const e of entries) {
    if (!e.entityId || out.has(e.entityId)) continue;
    const source = (e.data as { source?: string } | null)?.source;
    const label = e.action.startsWith("scim") || e.actorType === "api_key" ? "SCIM" : source === "csv_import" ? "CSV import" : "Portal";
    out.set(e.entityId, { label, at: e.at });
  }
  for (const id of userIds) if (!out.has(id)) out.set(id, { label: "Initial load", at: null });
  return out;
}
