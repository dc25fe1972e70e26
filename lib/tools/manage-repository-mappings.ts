import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { AppError, notFound } from "@/lib/errors";
import { invalidateProjectRouting } from "./project-routing";
import { normalizeRepository } from "./repository-match";

export async function listRepositoryMappings() {
  return prisma.repositoryMapping.findMany({ orderBy: [{ project: { key: "asc" } }, { pattern: "asc" }], select: { id: true, pattern: true, createdAt: true, project: { select: { key: true, name: true } } } });
}

export async function listProjectsForRouting() {
  return prisma.project.findMany({ orderBy: { key: "asc" }, select: { id: true, key: true, name: true, sensitivity: true, defaultActivity: { select: { slug: true, name: true } } } });
}

/** Maps a repository (remote URL or path pattern) to a project; the same pattern cannot point at two projects. */
export async function addRepositoryMapping(actor: Actor, input: { projectKey: string; pattern: string }) {
  const pattern = normalizeRepository(input.pattern);
  const created = await prisma.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { key: input.projectKey }, select: { id: true, key: true } });
    if (!project) throw new AppError("validation_failed", "Choose a project.", 400, [{ path: "projectKey", message: `unknown project "${input.projectKey}"` }]);
    const taken = await tx.repositoryMapping.findUnique({ where: { pattern }, select: { project: { select: { key: true } } } });
    if (taken) throw new AppError("validation_failed", "This repository is already mapped.", 400, [{ path: "pattern", message: `already mapped to ${taken.project.key}` }]);
    const row = await tx.repositoryMapping.create({ data: { projectId: project.id, pattern } });
    await tx.unmatchedTelemetry.deleteMany({ where: { kind: "repository", value: input.pattern.trim() } });
    await appendAudit(tx, { actor, action: "repository_mapping.created", entityType: "repository_mapping", entityId: row.id, data: { pattern, project: project.key } });
    return row;
  });
  invalidateProjectRouting();
  return created;
}

export async function removeRepositoryMapping(actor: Actor, id: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const row = await tx.repositoryMapping.findUnique({ where: { id }, select: { id: true, pattern: true, project: { select: { key: true } } } });
    if (!row) throw notFound("Repository mapping");
    await tx.repositoryMapping.delete({ where: { id } });
    await appendAudit(tx, { actor, action: "repository_mapping.removed", entityType: "repository_mapping", entityId: id, data: { pattern: row.pattern, project: row.project.key } });
    return row;
  });
  invalidateProjectRouting();
  return removed;
}

/** Sets (or clears, with null) the activity a project's tool usage counts as when the tool does not say. */
export async function setProjectDefaultActivity(actor: Actor, input: { projectKey: string; activitySlug: string | null }) {
  const updated = await prisma.$transaction(async (tx) => {
    const activity = input.activitySlug ? await tx.activity.findUnique({ where: { slug: input.activitySlug }, select: { id: true, slug: true } }) : null;
    if (input.activitySlug && !activity) throw new AppError("validation_failed", "Choose an activity.", 400, [{ path: "activitySlug", message: `unknown activity "${input.activitySlug}"` }]);
    const { count } = await tx.project.updateMany({ where: { key: input.projectKey }, data: { defaultActivityId: activity?.id ?? null } });
    if (count === 0) throw notFound("Project");
    await appendAudit(tx, { actor, action: "project.default_activity_set", entityType: "project", entityId: input.projectKey, data: { project: input.projectKey, activity: activity?.slug ?? null } });
    return { projectKey: input.projectKey, activity: activity?.slug ?? null };
  });
  invalidateProjectRouting();
  return updated;
}
