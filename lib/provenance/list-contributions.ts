import "server-only";
import { hasRole } from "../auth/roles";
import { prisma } from "../db/client";
import type { Role } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { findEventRows } from "../review/event-rows";
import { contributionEvidenceWhere, externalToolIds } from "./check-contribution";

type Viewer = { id: string; roles: Role[] };

const seesAll = (viewer: Viewer) => hasRole(viewer, "legal", "admin");

/** Legal and admin see every contribution; everyone else their own. */
function visibleTo(viewer: Viewer): Prisma.ContributionWhereInput {
  return seesAll(viewer) ? {} : { authorId: viewer.id };
}

export async function listContributions(viewer: Viewer, opts: { status?: "pending" | "clean" | "contaminated"; page: number; pageSize: number }) {
  const where: Prisma.ContributionWhereInput = { ...visibleTo(viewer), ...(opts.status ? { status: opts.status } : {}) };
  const [items, total] = await Promise.all([
    prisma.contribution.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: {
        author: { select: { name: true, email: true } },
        project: { select: { key: true, name: true } },
        reviewItems: { select: { id: true, status: true }, take: 1 },
      },
    }),
    prisma.contribution.count({ where }),
  ]);
  return { items, total, pages: Math.max(1, Math.ceil(total / opts.pageSize)), seesAll: seesAll(viewer) };
}

/** One contribution with its evidence, or null when it does not exist or is not the viewer's to see. */
export async function getContribution(viewer: Viewer, id: string, eventPage = 1, pageSize = 50) {
  const c = await prisma.contribution.findFirst({
    where: { id, ...visibleTo(viewer) },
    include: {
      author: { select: { name: true, email: true } },
      project: { select: { key: true, name: true } },
      reviewItems: { select: { id: true, status: true } },
    },
  });
  if (!c) return null;
  const where = contributionEvidenceWhere(c, await externalToolIds());
  const [events, eventTotal] = await Promise.all([
    findEventRows({ where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], skip: (eventPage - 1) * pageSize, take: pageSize }),
    prisma.usageEvent.count({ where }),
  ]);
  return { contribution: c, events, eventTotal, eventPages: Math.max(1, Math.ceil(eventTotal / pageSize)) };
}

export async function listTrainingDataProjects() {
  return prisma.project.findMany({ where: { sensitivity: "training_data" }, select: { id: true, key: true, name: true }, orderBy: { key: "asc" } });
}
