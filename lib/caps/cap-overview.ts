import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { capPeriod } from "./period";
import { loadDirectory } from "@/lib/policy/policy-snapshot";

export type CapUtilization = { userId: string; name: string; email: string; used: number; reserved: number; limit: number; share: number };

/** Everything the caps page shows: the cap rows, the teams, and who is at 80% or more this period. */
export async function loadCapOverview(minShare = 0.8) {
  const period = capPeriod(new Date(), env.COMPANY_TIME_ZONE);
  const [caps, teams, usage, directory] = await Promise.all([
    prisma.cap.findMany({ include: { team: { select: { name: true } }, user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
    prisma.team.findMany({ select: { id: true, name: true, parentId: true }, orderBy: { name: "asc" } }),
    prisma.capUsage.findMany({ where: { period }, select: { userId: true, usedTokens: true, reservedTokens: true } }),
    loadDirectory(),
  ]);
  const utilization: CapUtilization[] = [];
  for (const u of usage) {
    const person = directory.byId.get(u.userId);
    if (!person || !person.active) continue;
    const used = Number(u.usedTokens);
    const share = person.monthlyCap > 0 ? used / person.monthlyCap : 1;
    if (share < minShare) continue;
    utilization.push({ userId: person.id, name: person.name, email: person.email, used, reserved: Number(u.reservedTokens), limit: person.monthlyCap, share });
  }
  utilization.sort((a, b) => b.share - a.share);
  return { period, caps, teams, utilization };
}
