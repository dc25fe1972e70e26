import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import type { Person } from "@/lib/auth/authorize";
import { hasRole } from "@/lib/auth/roles";
// org-tree directly (not authorize.ts) so the benchmark can run these functions outside Next.
import { orgUserIds } from "@/lib/org/org-tree";

/** Whose usage a report covers: everyone (whole company) or an explicit list of people. */
export type ReportScope = { kind: "all" } | { kind: "users"; userIds: string[] };
export type TeamOption = { slug: string; name: string };
export type ResolvedScope = { scope: ReportScope; label: string; teamOptions: TeamOption[]; team: TeamOption | null; canPickCompany: boolean; problems: string[] };

/** `AND <column> IN scope`, or nothing for the whole company. The column name is ours, never input. */
export function scopeFilter(scope: ReportScope, column: '"userId"' | 'ri."userId"' | 'r."requesterId"' | 'u."id"' | 'd."userId"'): Prisma.Sql {
  if (scope.kind === "all") return Prisma.empty;
  // IN (SELECT unnest(...)) plans as a hashed semi-join; "= ANY(array)" would test every row against the whole list.
  return Prisma.sql`AND ${Prisma.raw(column)} IN (SELECT unnest(${scope.userIds}::text[]))`;
}

/** Members of a team and of every team below it. */
async function teamMemberIds(teamSlug: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (
      SELECT "id" FROM "Team" WHERE "slug" = ${teamSlug}
      UNION
      SELECT c."id" FROM "Team" c JOIN t ON c."parentId" = t."id"
    )
    SELECT u."id" FROM "User" u JOIN t ON u."teamId" = t."id"`;
  return rows.map((r) => r.id);
}

/**
 * The scope of the org report for this person and the team picked in the URL.
 * Legal and admin: the whole company or any team. A manager: their org (themselves and everyone below
 * them), optionally narrowed to one team that people of their org belong to; another team is ignored.
 */
export async function resolveReportScope(person: Person, teamSlug: string | null): Promise<ResolvedScope> {
  const problems: string[] = [];
  if (hasRole(person, "legal", "admin")) {
    const teamOptions = await prisma.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } });
    const team = teamSlug ? (teamOptions.find((t) => t.slug === teamSlug) ?? null) : null;
    if (teamSlug && !team) problems.push("That team does not exist; showing the whole company.");
    if (!team) return { scope: { kind: "all" }, label: "Whole company", teamOptions, team: null, canPickCompany: true, problems };
    return { scope: { kind: "users", userIds: await teamMemberIds(team.slug) }, label: team.name, teamOptions, team, canPickCompany: true, problems };
  }
  const org = [person.id, ...(await orgUserIds(person.id))];
  const teamOptions = await prisma.team.findMany({
    where: { members: { some: { id: { in: org } } } },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const team = teamSlug ? (teamOptions.find((t) => t.slug === teamSlug) ?? null) : null;
  if (teamSlug && !team) problems.push("That team is outside your org; showing your whole org.");
  if (!team) return { scope: { kind: "users", userIds: org }, label: `${person.name}'s org`, teamOptions, team: null, canPickCompany: false, problems };
  const inOrg = new Set(org);
  const members = (await teamMemberIds(team.slug)).filter((id) => inOrg.has(id));
  return { scope: { kind: "users", userIds: members }, label: team.name, teamOptions, team, canPickCompany: false, problems };
}
