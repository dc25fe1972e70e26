import "server-only";
import { prisma } from "@/lib/db";
import { resolveMonthlyCap } from "@/lib/caps/cap-limit";
import type { ReportScope } from "./report-scope";

export type ScopedPerson = { id: string; name: string; email: string; teamId: string | null; cap: number };

/** Active people in scope with their monthly cap (personal, else nearest team up the tree, else role default). */
export async function loadPeopleWithCaps(scope: ReportScope): Promise<ScopedPerson[]> {
  const [caps, teams, people] = await Promise.all([
    prisma.cap.findMany({ select: { scope: true, role: true, teamId: true, userId: true, monthlyTokens: true } }),
    prisma.team.findMany({ select: { id: true, parentId: true } }),
    prisma.user.findMany({
      where: { active: true, ...(scope.kind === "users" ? { id: { in: scope.userIds } } : {}) },
      select: { id: true, name: true, email: true, roles: true, teamId: true },
    }),
  ]);
  const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
  const chainOf = (teamId: string | null) => {
    const chain: string[] = [];
    for (let t = teamId; t && !chain.includes(t); t = parentOf.get(t) ?? null) chain.push(t);
    return chain;
  };
  return people.map((p) => ({ id: p.id, name: p.name, email: p.email, teamId: p.teamId, cap: resolveMonthlyCap(caps, { id: p.id, roles: p.roles, teamChain: chainOf(p.teamId) }) }));
}
