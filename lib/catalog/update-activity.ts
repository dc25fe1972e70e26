import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { UpdateActivityInput } from "@/lib/validation/catalog";

/** Renames an activity or changes its default disposition (what applies when no rule matches). */
export async function updateActivity(actor: Actor, input: UpdateActivityInput) {
  const activity = await prisma.$transaction(async (tx) => {
    const before = await tx.activity.findUnique({ where: { id: input.id } });
    if (!before) throw notFound("Activity");
    const after = await tx.activity.update({
      where: { id: input.id },
      data: { name: input.name, description: input.description, disposition: input.disposition },
    });
    await appendAudit(tx, {
      actor,
      action: "activity.updated",
      entityType: "activity",
      entityId: after.id,
      data: {
        slug: after.slug,
        before: { name: before.name, description: before.description, disposition: before.disposition },
        after: { name: after.name, description: after.description, disposition: after.disposition },
      },
    });
    return after;
  });
  invalidatePolicySnapshot();
  return activity;
}
