import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PeopleQuery } from "@/lib/validation/people";
import { provisioningSources } from "./provisioning-source";

export const PEOPLE_PAGE_SIZE = 50;

const ORDER: Record<PeopleQuery["sort"], (dir: Prisma.SortOrder) => Prisma.UserOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { email: "asc" }],
  email: (dir) => [{ email: dir }],
  team: (dir) => [{ team: { name: dir } }, { name: "asc" }],
  manager: (dir) => [{ manager: { name: dir } }, { name: "asc" }],
  created: (dir) => [{ createdAt: dir }, { name: "asc" }],
};

/** Members of a team (by slug) and of every team below it. */
async function teamSubtreeIds(slug: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (
      SELECT "id" FROM "Team" WHERE "slug" = ${slug}
      UNION
      SELECT c."id" FROM "Team" c JOIN t ON c."parentId" = t."id"
    )
    SELECT "id" FROM t`;
  return rows.map((r) => r.id);
}

/**
 * One page of the directory as `visible` allows ("all", or the ids a manager may see): search by name, email or
 * employee id; filter by team (with its subteams), role and status; sorted and paged in the database.
 */
export async function listPeople(visible: "all" | string[], query: PeopleQuery) {
  // Raw for the role: Prisma's `roles: { has }` on an enum array fails on the PGlite adapter ("malformed array literal").
  const withRole = query.role
    ? (await prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE ${query.role}::"Role" = ANY("roles")`).map((r) => r.id)
    : null;
  const where: Prisma.UserWhereInput = {
    AND: [visible === "all" ? {} : { id: { in: visible } }, withRole ? { id: { in: withRole } } : {}],
    ...(query.status === "all" ? {} : { active: query.status === "active" }),
    ...(query.q
      ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }, { employeeId: { contains: query.q, mode: "insensitive" } }] }
      : {}),
  };
  if (query.team) where.teamId = { in: await teamSubtreeIds(query.team) };
  const total = await prisma.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await prisma.user.findMany({
    where,
    orderBy: ORDER[query.sort](query.dir),
    skip: (page - 1) * PEOPLE_PAGE_SIZE,
    take: PEOPLE_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      email: true,
      employeeId: true,
      roles: true,
      active: true,
      createdAt: true,
      team: { select: { name: true } },
      manager: { select: { name: true } },
    },
  });
  const sources = await provisioningSources(rows.map((r) => r.id));
  return {
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      employeeId: r.employeeId,
      roles: r.roles,
      active: r.active,
      team: r.team?.name ?? null,
      manager: r.manager?.name ?? null,
      source: sources.get(r.id)!.label,
    })),
  };
}
export type PeoplePage = Awaited<ReturnType<typeof listPeople>>;
