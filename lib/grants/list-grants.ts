import "server-only";
import type { Person } from "@/lib/auth/authorize";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { orgUserIds } from "@/lib/org/org-tree";
import type { GrantFilter } from "@/lib/validation/request";
import { grantState } from "./grant-state";

export const GRANT_LOG_LIMIT = 2000;

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

/**
 * The tool-approval log: every grant in the person's scope matching the filters, newest first, with
 * who approved it at each stage, its window, conditions and revocation. The page and the CSV use it.
 */
export async function listGrants(person: Pick<Person, "id" | "roles">, filter: GrantFilter, now = new Date()) {
  const scope = await holderScope(person);
  if (!scope) return [];
  const person_ = filter.person?.trim();
  const where: Prisma.GrantWhereInput = {
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
  const rows = await prisma.grant.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: GRANT_LOG_LIMIT,
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
