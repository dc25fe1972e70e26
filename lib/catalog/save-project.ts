import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateProjectInput, UpdateProjectInput } from "@/lib/validation/catalog";

/** Adds a project; its key is what gateways send, so it must be new. */
export async function createProject(actor: Actor, input: CreateProjectInput) {
  const project = await prisma.$transaction(async (tx) => {
    const taken = await tx.project.findUnique({ where: { key: input.key }, select: { id: true } });
    if (taken) throw new AppError("conflict", `A project with the key ${input.key} exists already.`, 409, [{ path: "key", message: "This key is taken." }]);
    const created = await tx.project.create({ data: input });
    await appendAudit(tx, {
      actor,
      action: "project.created",
      entityType: "project",
      entityId: created.id,
      data: { key: created.key, name: created.name, sensitivity: created.sensitivity },
    });
    return created;
  });
  invalidatePolicySnapshot();
  return project;
}

/** Renames a project or changes its sensitivity; the key stays (usage and grants refer to it). */
export async function updateProject(actor: Actor, input: UpdateProjectInput) {
  const project = await prisma.$transaction(async (tx) => {
    const before = await tx.project.findUnique({ where: { id: input.id } });
    if (!before) throw notFound("Project");
    const after = await tx.project.update({
      where: { id: input.id },
      data: { name: input.name, sensitivity: input.sensitivity, description: input.description },
    });
    await appendAudit(tx, {
      actor,
      action: "project.updated",
      entityType: "project",
      entityId: after.id,
      data: {
        key: after.key,
        before: { name: before.name, sensitivity: before.sensitivity, description: before.description },
        after: { name: after.name, sensitivity: after.sensitivity, description: after.description },
      },
    });
    return after;
  });
  invalidatePolicySnapshot();
  return project;
}
