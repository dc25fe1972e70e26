import "server-only";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { TEAMS, type PersonSeed } from "./org-data";

export type OrgIds = { teams: Map<string, string>; users: Map<string, string> };

const DAY_MS = 86_400_000;
const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/** Upserts the team tree and the people (keyed by team slug and email); writes only what differs. Never touches `active`. */
export async function seedOrg(people: PersonSeed[]): Promise<OrgIds> {
  const teams = new Map<string, string>();
  for (const t of TEAMS) {
    const parentId = t.parent ? teams.get(t.parent)! : null;
    const existing = await prisma.team.findUnique({ where: { slug: t.slug } });
    const row =
      existing && existing.name === t.name && existing.parentId === parentId
        ? existing
        : await prisma.team.upsert({ where: { slug: t.slug }, create: { slug: t.slug, name: t.name, parentId }, update: { name: t.name, parentId } });
    teams.set(t.slug, row.id);
  }

  const users = new Map<string, string>();
  for (const p of people) {
    const data = {
      employeeId: p.employeeId,
      name: p.name,
      title: p.title,
      roles: p.roles,
      teamId: teams.get(p.team)!,
      managerId: p.manager ? users.get(p.manager)! : null,
    };
    const existing = await prisma.user.findUnique({ where: { email: p.email } });
    if (!existing) {
      // Leavers start active: deactivateLeavers() switches them off once their history is loaded.
      const created = await prisma.user.create({ data: { email: p.email, ...data, active: true } });
      users.set(p.email, created.id);
      continue;
    }
    users.set(p.email, existing.id);
    const changed =
      existing.employeeId !== data.employeeId ||
      existing.name !== data.name ||
      existing.title !== data.title ||
      !sameRoles(existing.roles, data.roles) ||
      existing.teamId !== data.teamId ||
      existing.managerId !== data.managerId;
    if (changed) await prisma.user.update({ where: { id: existing.id }, data });
  }

  for (const t of TEAMS) {
    const manager = people.find((p) => p.team === t.slug && p.roles.includes("manager"));
    const managerId = manager ? users.get(manager.email)! : null;
    const team = await prisma.team.findUniqueOrThrow({ where: { slug: t.slug }, select: { managerId: true } });
    if (team.managerId !== managerId) await prisma.team.update({ where: { slug: t.slug }, data: { managerId } });
  }
  return { teams, users };
}

/** When each leaver left: the stored date once they are deactivated, else `deactivatedDaysAgo` before the anchor. */
export async function leavingDates(people: PersonSeed[], anchor: Date): Promise<Map<string, Date>> {
  const leavers = people.filter((p) => p.deactivatedDaysAgo !== null);
  const stored = await prisma.user.findMany({ where: { email: { in: leavers.map((p) => p.email) }, deactivatedAt: { not: null } }, select: { email: true, deactivatedAt: true } });
  const dates = new Map(leavers.map((p) => [p.email, new Date(anchor.getTime() - p.deactivatedDaysAgo! * DAY_MS)]));
  for (const u of stored) dates.set(u.email, u.deactivatedAt!);
  return dates;
}

/** Deactivates the people who left, dated when they left; people already inactive keep their date. */
export async function deactivateLeavers(leftAt: Map<string, Date>): Promise<number> {
  let changed = 0;
  for (const [email, deactivatedAt] of leftAt) {
    const { count } = await prisma.user.updateMany({ where: { email, active: true }, data: { active: false, deactivatedAt } });
    changed += count;
  }
  return changed;
}
