import "server-only";
import { prisma } from "../db/client";
import { appendAudit } from "../audit/append-audit";
import { AppError } from "../errors";
import type { ContributionInput } from "../validation/contribution";
import { authoringWindow } from "./authoring-window";
import { checkContribution } from "./check-contribution";

/**
 * Registers a contribution for the signed-in person and checks it at once. The author is always `authorId`:
 * callers pass the session's person, never a value from the form.
 */
export async function registerContribution(authorId: string, input: ContributionInput, timeZone: string, now = new Date()) {
  const window = authoringWindow(input.firstDay, input.lastDay, timeZone);
  return prisma.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId }, select: { id: true, key: true, sensitivity: true } });
    if (!project || project.sensitivity !== "training_data") {
      throw new AppError("invalid_project", "Contributions are registered on training-data projects only.", 400, [
        { path: "projectId", message: "Choose a training-data project." },
      ]);
    }
    const contribution = await tx.contribution.create({
      data: {
        authorId,
        projectId: project.id,
        artifactRef: input.artifactRef,
        windowStart: window.start,
        windowEnd: window.end,
        attestedAt: now,
      },
    });
    await appendAudit(tx, {
      actor: { type: "user", id: authorId },
      action: "contribution.registered",
      entityType: "contribution",
      entityId: contribution.id,
      data: { projectKey: project.key, artifactRef: input.artifactRef, windowStart: window.start, windowEnd: window.end, attested: true },
    });
    const result = await checkContribution(tx, contribution.id, { type: "user", id: authorId });
    return { id: contribution.id, ...result };
  });
}
