import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { orgUserIds } from "@/lib/org/org-tree";
import type { GrantFilter } from "@/lib/validation/grant";
import { grantState } from "./grant-state";

/** Grants per page of the log (the CSV export has them all). */
export const GRANT_PAGE_SIZE = 200;

/** Legal and admin read every grant; a manager the grants of the org below them; nobody else any. */
async function holderScope(person: Pick<Person, "id" | "roles">): Promise<Prisma.GrantWhereInput | null> {
  if (hasRole(person, "legal", "admin")) return {};
  if (hasRole(person, "manager")) return { userId: { in: await orgUserIds(person.id) } };
  return null;
}

function stateWhere(state: GrantFilter["status"], now: Date): Prisma.GrantWhereInput {
  switch (state) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, validTo: { lte: now } };
    case "scheduled":
      return { revokedAt: null, validFrom: { gt: now } };
    case "live":
      return { revokedAt: null, validFrom: { lte: now }, validTo: { gt: now } };
    default:
      return {};
  }
}

/** The grants in the person's scope matching the filters, or null when the person may read none. */
async function grantsWhere(person: Pick<Person, "id" | "roles">, filter: GrantFilter, now: Date): Promise<Prisma.GrantWhereInput | null> {
  const scope = await holderScope(person);
  if (!scope) return null;
  const person_ = filter.person?.trim();
  return {
    AND: [
      scope,
      stateWhere(filter.status, now),
      person_ ? { user: { OR: [{ name: { contains: person_, mode: "insensitive" } }, { email: { contains: person_, mode: "insensitive" } }] } } : {},
      filter.tool ? { tool: { slug: filter.tool } } : {},
      // the window overlaps [from, to]
      filter.from ? { validTo: { gte: filter.from } } : {},
      filter.to ? { validFrom: { lte: filter.to } } : {},
    ],
  };
}

/** How many grants in the person's scope match the filters. */
export async function countGrants(person: Pick<Person, "id" | "roles">, filter: GrantFilter, now = new Date()): Promise<number> {
  const where = await grantsWhere(person, filter, now);
  return where ? prisma.grant.count({ where }) : 0;
}

/**
 * The tool-approval log: the grants in the person's scope matching the filters, newest first, with who
 * approved each at each stage, its window, conditions and revocation. The page reads one page
 * (GRANT_PAGE_SIZE), the CSV every one.
 */
export async function listGrants(person: Pick<Person, "id" | "roles">, filter: GrantFilter, now = new Date(), page?: number) {
  const where = await grantsWhere(person, filter, now);
  if (!where) return [];
  const rows = await prisma.grant.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    ...(page ? { skip: (page - 1) * GRANT_PAGE_SIZE, take: GRANT_PAGE_SIZE } : {}),
    include: {
      user: { select: { id: true, name: true, email: true } },
      tool: { select: { slug: true, name: true } },
      activity: { select: { slug: true, name: true } },
      project: { select: { key: true } },
      revokedBy: { select: { name: true } },
      request: {
        select: {
          id: true,
          status: true,
          startsAt: true,
          endsAt: true,
          steps: { where: { decision: "approved" }, orderBy: { createdAt: "asc" }, select: { stage: true, createdAt: true, conditions: true, actor: { select: { name: true } } } },
        },
      },
    },
  });
  return rows.map((g) => ({ ...g, state: grantState(g, now) }));
}
export type GrantLogRow = Awaited<ReturnType<typeof listGrants>>[number];
