import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateVendorInput } from "@/lib/validation/catalog";

/** Adds a vendor, so its tools and terms can be added. The slug names it in URLs and reports, so it must be new. */
export async function createVendor(actor: Actor, input: CreateVendorInput) {
  const vendor = await prisma.$transaction(async (tx) => {
    const taken = await tx.vendor.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (taken) throw new AppError("conflict", `A vendor with the slug ${input.slug} exists already.`, 409, [{ path: "slug", message: "This slug is taken." }]);
    const created = await tx.vendor.create({ data: input });
    await appendAudit(tx, { actor, action: "vendor.created", entityType: "vendor", entityId: created.id, data: { ...input } });
    return created;
  });
  invalidatePolicySnapshot();
  return vendor;
}
