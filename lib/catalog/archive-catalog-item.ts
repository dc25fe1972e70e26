import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { AppError, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { ArchiveCatalogItemInput, CatalogKind } from "@/lib/validation/catalog";

// Usage, grants, rules and terms refer to catalog entries, so they are archived, never deleted: an archived entry
// disappears from pickers and new rules, keeps its history, and an archived tool is denied (tool_blocked).

type Row = { id: string; slug: string; name: string; archivedAt: Date | null };

async function findItem(tx: Tx, kind: CatalogKind, id: string): Promise<Row | null> {
  const select = { id: true, slug: true, name: true, archivedAt: true } as const;
  if (kind === "vendor") return tx.vendor.findUnique({ where: { id }, select });
  if (kind === "tool") return tx.tool.findUnique({ where: { id }, select });
  return tx.activity.findUnique({ where: { id }, select });
}

async function setArchivedAt(tx: Tx, kind: CatalogKind, id: string, archivedAt: Date | null) {
  if (kind === "vendor") await tx.vendor.update({ where: { id }, data: { archivedAt } });
  else if (kind === "tool") await tx.tool.update({ where: { id }, data: { archivedAt } });
  else await tx.activity.update({ where: { id }, data: { archivedAt } });
}

const LABEL: Record<CatalogKind, string> = { vendor: "Vendor", tool: "Tool", activity: "Activity" };

/** Archives or restores a vendor, tool or activity. A vendor is archived only once its tools are; a tool is restored only under a live vendor. */
export async function setCatalogItemArchived(actor: Actor, input: ArchiveCatalogItemInput) {
  const item = await prisma.$transaction(async (tx) => {
    const before = await findItem(tx, input.kind, input.id);
    if (!before) throw notFound(LABEL[input.kind]);
    if (!!before.archivedAt === input.archived) return before; // already so: nothing to change or audit
    if (input.kind === "vendor" && input.archived) {
      const live = await tx.tool.findMany({ where: { vendorId: before.id, archivedAt: null }, select: { name: true }, orderBy: { name: "asc" } });
      if (live.length) throw new AppError("conflict", `Archive ${before.name}'s tools first: ${live.map((t) => t.name).join(", ")}.`, 409);
    }
    if (input.kind === "tool" && !input.archived) {
      const vendor = await tx.tool.findUnique({ where: { id: before.id }, select: { vendor: { select: { name: true, archivedAt: true } } } });
      if (vendor?.vendor.archivedAt) throw new AppError("conflict", `Restore the vendor ${vendor.vendor.name} first.`, 409);
    }
    const archivedAt = input.archived ? new Date() : null;
    await setArchivedAt(tx, input.kind, before.id, archivedAt);
    await appendAudit(tx, {
      actor,
      action: `${input.kind}.${input.archived ? "archived" : "restored"}`,
      entityType: input.kind,
      entityId: before.id,
      data: { slug: before.slug, name: before.name },
    });
    return { ...before, archivedAt };
  });
  invalidatePolicySnapshot();
  return item;
}
