import "server-only";
import { prisma } from "@/lib/db";
import { resolveMonthlyCap } from "@/lib/caps/cap-limit";
import { teamChainOf } from "@/lib/org/team-chain";

export type CapStatus = { userId: string; used: number; reserved: number; limit: number };

/**
 * Each person's tokens used this period (CapUsage, kept current by ingestion) against their monthly cap
 * (personal override, nearest team default, else role default). Caps and teams are small tables: read whole.
 */
export async function capStatusFor(userIds: string[], period: string): Promise<CapStatus[]> {
  if (!userIds.length) return [];
  const [caps, teams, people, usage] = await Promise.all([
    prisma.cap.findMany({ select: { scope: true, role: true, teamId: true, userId: true, monthlyTokens: true } }),
    prisma.team.findMany({ select: { id: true, parentId: true } }),
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, roles: true, teamId: true } }),
    prisma.capUsage.findMany({ where: { userId: { in: userIds }, period }, select: { userId: true, usedTokens: true, reservedTokens: true } }),
  ]);
  const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
  const usageOf = new Map(usage.map((u) => [u.userId, u]));
  return people.map((p) => {
    const u = usageOf.get(p.id);
    return {
      userId: p.id,
      used: Number(u?.usedTokens ?? 0n),
      reserved: Number(u?.reservedTokens ?? 0n),
      limit: resolveMonthlyCap(caps, { id: p.id, roles: p.roles, teamChain: teamChainOf(p.teamId, parentOf) }),
    };
  });
}

/** The UsageDaily date range of a "2026-11" period: rollup days are calendar days in the company time zone. */
export function periodDays(period: string): { gte: Date; lt: Date } {
  const [y, m] = period.split("-").map(Number);
  return { gte: new Date(Date.UTC(y, m - 1, 1)), lt: new Date(Date.UTC(y, m, 1)) };
}
