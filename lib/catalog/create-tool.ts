import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateToolInput } from "@/lib/validation/catalog";

/** Adds a tool under a vendor that is not archived. Its slug is what gateways send, so it must be new. */
export async function createTool(actor: Actor, input: CreateToolInput) {
  const tool = await prisma.$transaction(async (tx) => {
    const [taken, vendor] = await Promise.all([
      tx.tool.findUnique({ where: { slug: input.slug }, select: { id: true } }),
      tx.vendor.findUnique({ where: { id: input.vendorId }, select: { id: true, name: true, archivedAt: true } }),
    ]);
    const fields = [
      ...(taken ? [{ path: "slug", message: "This slug is taken." }] : []),
      ...(!vendor || vendor.archivedAt ? [{ path: "vendorId", message: "Choose a vendor that is not archived." }] : []),
    ];
    if (fields.length) throw new AppError("invalid", taken ? `A tool with the slug ${input.slug} exists already.` : "That vendor cannot take new tools.", 409, fields);
    const created = await tx.tool.create({ data: input });
    await appendAudit(tx, {
      actor,
      action: "tool.created",
      entityType: "tool",
      entityId: created.id,
      data: { slug: created.slug, name: created.name, vendor: vendor!.name, kind: created.kind, status: created.status, inputUsdPerMTok: input.inputUsdPerMTok, outputUsdPerMTok: input.outputUsdPerMTok },
    });
    return created;
  });
  invalidatePolicySnapshot();
  return tool;
}
