import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { loadPersonContext } from "@/lib/policy/policy-snapshot";
import { provisioningSources } from "./provisioning-source";

/** Everything the person page shows: placement, roles, cap and this month's use, keys they made, grants, and where they came from. */
export async function getPersonDetail(id: string, now = new Date()) {
  const person = await prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      employeeId: true,
      title: true,
      roles: true,
      active: true,
      deactivatedAt: true,
      createdAt: true,
      teamId: true,
      team: { select: { name: true, slug: true } },
      manager: { select: { id: true, name: true, email: true } },
      _count: { select: { reports: true } },
      apiKeys: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
      grants: {
        where: { revokedAt: null, validTo: { gt: now } },
        orderBy: { validTo: "asc" },
        select: { id: true, validTo: true, tool: { select: { name: true } }, activity: { select: { name: true } }, project: { select: { key: true } } },
      },
    },
  });
  if (!person) return null;
  const period = capPeriod(now, env.COMPANY_TIME_ZONE);
  const [context, usage, sources] = await Promise.all([
    loadPersonContext(person.id),
    prisma.capUsage.findUnique({ where: { userId_period: { userId: person.id, period } }, select: { usedTokens: true } }),
    provisioningSources([person.id]),
  ]);
  return {
    ...person,
    reports: person._count.reports,
    cap: { period, limit: context?.person.monthlyCap ?? null, used: Number(usage?.usedTokens ?? 0) },
    source: sources.get(person.id)!,
  };
}
export type PersonDetail = NonNullable<Awaited<ReturnType<typeof getPersonDetail>>>;
