import "server-only";
import { prisma } from "@/lib/db/client";

export type LegalOverview = Awaited<ReturnType<typeof getLegalOverview>>;

/** The legal queue at a glance: open review items and requests waiting at the legal stage. */
export async function getLegalOverview() {
  const [openItems, openBySeverity, pendingLegalCount, pendingLegal] = await Promise.all([
    prisma.reviewItem.count({ where: { status: "open" } }),
    prisma.reviewItem.groupBy({ by: ["severity"], where: { status: "open" }, _count: { _all: true } }),
    prisma.exceptionRequest.count({ where: { status: "pending_legal" } }),
    prisma.exceptionRequest.findMany({
      where: { status: "pending_legal" },
      orderBy: { createdAt: "asc" },
      take: 5,
      select: { id: true, createdAt: true, requester: { select: { name: true } }, tool: { select: { name: true } }, activity: { select: { name: true } } },
    }),
  ]);
  const severity = Object.fromEntries(openBySeverity.map((g) => [g.severity, g._count._all])) as Partial<Record<string, number>>;
  return { openItems, critical: (severity.critical ?? 0) + (severity.high ?? 0), pendingLegalCount, pendingLegal };
}
