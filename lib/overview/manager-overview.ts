import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { orgUserIds } from "@/lib/org/org-tree";
import type { Person } from "@/lib/auth/authorize";
import { capStatusFor } from "./cap-status";
import { periodDays } from "@/lib/calendar";

export type ManagerOverview = Awaited<ReturnType<typeof getManagerOverview>>;

/** Headline numbers for the org below a manager this month, from the daily rollups and cap usage. */
export async function getManagerOverview(person: Person, now = new Date()) {
  const period = capPeriod(now, env.COMPANY_TIME_ZONE);
  const ids = await orgUserIds(person.id);
  if (!ids.length) return { period, people: 0, tokens: 0, spendUsd: 0, violations: 0, pendingApprovals: 0, over80: 0, over100: 0 };
  // Usage counts everyone's history; people and cap figures count those still active.
  const active = (await prisma.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } })).map((u) => u.id);
  const usageQuery = { where: { userId: { in: ids }, day: periodDays(period) }, _sum: { inputTokens: true, outputTokens: true, costUsd: true, violations: true } } as const;
  // Both daily rollup tables (lib/usage/daily-rollup.ts): the days not folded yet are in UsageDailyRecent.
  const [folded, recent, pendingApprovals, caps] = await Promise.all([
    prisma.usageDaily.aggregate(usageQuery),
    prisma.usageDailyRecent.aggregate(usageQuery),
    prisma.exceptionRequest.count({ where: { status: "pending_manager", requesterId: { in: ids } } }),
    capStatusFor(active, period),
  ]);
  const ratio = (c: { used: number; limit: number }) => (c.limit > 0 ? c.used / c.limit : 0);
  return {
    period,
    people: active.length,
    tokens: [folded, recent].reduce((n, u) => n + Number(u._sum.inputTokens ?? 0n) + Number(u._sum.outputTokens ?? 0n), 0),
    spendUsd: Number(folded._sum.costUsd ?? 0) + Number(recent._sum.costUsd ?? 0),
    violations: (folded._sum.violations ?? 0) + (recent._sum.violations ?? 0),
    pendingApprovals,
    over80: caps.filter((c) => ratio(c) >= 0.8 && ratio(c) < 1).length,
    over100: caps.filter((c) => ratio(c) >= 1).length,
  };
}
