import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import type { Person } from "@/lib/auth/authorize";
import { capStatusFor } from "./cap-status";

export type EngineerOverview = Awaited<ReturnType<typeof getEngineerOverview>>;

/** The person's own external-tool usage this month against their monthly cap, their in-house usage, and their latest requests and live grants. */
export async function getEngineerOverview(person: Person, now = new Date()) {
  const period = capPeriod(now, env.COMPANY_TIME_ZONE);
  const [[cap], requests, activeGrants] = await Promise.all([
    capStatusFor([person.id], period),
    prisma.exceptionRequest.findMany({
      where: { requesterId: person.id },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: {
        id: true,
        status: true,
        createdAt: true,
        endsAt: true,
        tool: { select: { name: true } },
        activity: { select: { name: true } },
        project: { select: { key: true } },
      },
    }),
    prisma.grant.count({ where: { userId: person.id, revokedAt: null, validFrom: { lte: now }, validTo: { gt: now } } }),
  ]);
  // used/limit are the monthly cap's (external tools only); the in-house figures are shown beside them.
  return {
    period,
    used: cap?.used ?? 0,
    reserved: cap?.reserved ?? 0,
    limit: cap?.limit ?? 0,
    inHouseUsed: cap?.inHouseUsed ?? 0,
    inHouseLimit: cap?.inHouseLimit ?? null,
    requests,
    activeGrants,
  };
}
