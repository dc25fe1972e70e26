import "server-only";
import { prisma } from "@/lib/db";

/** A person's own requests, newest first, with the grant each produced. */
export async function listMyRequests(userId: string) {
  return prisma.exceptionRequest.findMany({
    where: { requesterId: userId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      createdAt: true,
      decidedAt: true,
      requiresLegal: true,
      tool: { select: { slug: true, name: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true, name: true } },
      grant: { select: { validFrom: true, validTo: true, revokedAt: true } },
    },
  });
}
