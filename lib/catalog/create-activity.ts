import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateActivityInput } from "@/lib/validation/catalog";

/** Adds an activity category after the existing ones; its disposition applies where no rule matches. */
export async function createActivity(actor: Actor, input: CreateActivityInput) {
  const activity = await prisma.$transaction(async (tx) => {
    const taken = await tx.activity.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (taken) throw new AppError("conflict", `An activity with the slug ${input.slug} exists already.`, 409, [{ path: "slug", message: "This slug is taken." }]);
    const last = await tx.activity.aggregate({ _max: { position: true } });
    const created = await tx.activity.create({ data: { ...input, position: (last._max.position ?? 0) + 1 } });
    await appendAudit(tx, { actor, action: "activity.created", entityType: "activity", entityId: created.id, data: { ...input } });
    return created;
  });
  invalidatePolicySnapshot();
  return activity;
}
