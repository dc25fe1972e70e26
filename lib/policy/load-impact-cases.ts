import "server-only";
import { prisma } from "@/lib/db/client";
import type { ImpactCase, ImpactCatalog } from "./policy-impact";
import { teamChainOf } from "@/lib/org/team-chain";

/** Open requests and live grants, with what evaluating them needs: the cases a policy change may affect. */
export async function loadImpactCases(now = new Date()): Promise<{ cases: ImpactCase[]; catalog: ImpactCatalog }> {
  const person = { select: { name: true, active: true, teamId: true } } as const;
  const [teams, tools, activities, projects, requests, grants] = await Promise.all([
    prisma.team.findMany({ select: { id: true, parentId: true } }),
    prisma.tool
      .findMany({ select: { id: true, slug: true, name: true, kind: true, status: true, archivedAt: true } })
      .then((rows) => rows.map(({ archivedAt, ...t }) => ({ ...t, archived: archivedAt !== null }))),
    prisma.activity.findMany({ select: { id: true, slug: true, name: true, disposition: true } }),
    prisma.project.findMany({ select: { id: true, key: true, name: true, sensitivity: true } }),
    prisma.exceptionRequest.findMany({
      where: { status: { in: ["pending_manager", "pending_legal"] } },
      orderBy: { createdAt: "asc" },
      include: { requester: person },
    }),
    prisma.grant.findMany({ where: { revokedAt: null, validTo: { gt: now } }, orderBy: { validTo: "asc" }, include: { user: person } }),
  ]);
  const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
  const policyPerson = (id: string, p: { active: boolean; teamId: string | null }) => ({ id, active: p.active, teamIds: teamChainOf(p.teamId, parentOf) });

  const cases: ImpactCase[] = [
    ...requests.map((r) => ({
      kind: "request" as const,
      id: r.id,
      personName: r.requester.name,
      person: policyPerson(r.requesterId, r.requester),
      toolId: r.toolId,
      activityId: r.activityId,
      projectId: r.projectId,
      status: r.status,
      at: now,
      grant: null,
    })),
    ...grants.map((g) => ({
      kind: "grant" as const,
      id: g.id,
      personName: g.user.name,
      person: policyPerson(g.userId, g.user),
      toolId: g.toolId,
      activityId: g.activityId,
      projectId: g.projectId,
      status: "live",
      at: g.validFrom > now ? g.validFrom : now,
      grant: {
        id: g.id,
        toolId: g.toolId,
        activityId: g.activityId,
        projectId: g.projectId,
        validFrom: g.validFrom,
        validTo: g.validTo,
        revokedAt: g.revokedAt,
        capOverrideTokens: g.capOverrideTokens === null ? null : Number(g.capOverrideTokens),
      },
    })),
  ];
  const byId = <T extends { id: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r]));
  return { cases, catalog: { toolsById: byId(tools), activitiesById: byId(activities), projectsById: byId(projects) } };
}
