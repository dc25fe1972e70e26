import "server-only";
import { prisma } from "@/lib/db/client";

/** Requests per page of "My requests". */
export const MY_REQUESTS_PAGE_SIZE = 100;

/** A person's own requests, newest first, with the grant each produced: one page of them, and how many there are. */
export async function listMyRequests(userId: string, page = 1) {
  const where = { requesterId: userId };
  const [rows, total] = await Promise.all([
    prisma.exceptionRequest.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * MY_REQUESTS_PAGE_SIZE,
    take: MY_REQUESTS_PAGE_SIZE,
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
    }),
    prisma.exceptionRequest.count({ where }),
  ]);
  return { rows, total };
}
