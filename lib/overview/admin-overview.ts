import "server-only";
import { prisma } from "@/lib/db/client";

export type AdminOverview = Awaited<ReturnType<typeof getAdminOverview>>;

/** Catalog counts for the compliance admin. */
export async function getAdminOverview() {
  const [tools, blockedTools, projects, trainingProjects, policy, apiKeys, people, deactivated] = await Promise.all([
    prisma.tool.count(),
    prisma.tool.count({ where: { status: "blocked" } }),
    prisma.project.count(),
    prisma.project.count({ where: { sensitivity: "training_data" } }),
    prisma.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true, createdAt: true, _count: { select: { rules: true } } } }),
    prisma.apiKey.count({ where: { revokedAt: null } }),
    prisma.user.count({ where: { active: true } }),
    prisma.user.count({ where: { active: false } }),
  ]);
  return {
    tools,
    blockedTools,
    projects,
    trainingProjects,
    policyVersion: policy?.version ?? null,
    policyRules: policy?._count.rules ?? 0,
    apiKeys,
    people,
    deactivated,
  };
}
