import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { AppError, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { CreateTeamInput, UpdateTeamInput } from "@/lib/validation/people";

/** Teams that people in `userIds` belong to (a manager's filter offers only their org's teams). */
export async function teamSlugsOf(userIds: string[]): Promise<Set<string>> {
  const rows = await prisma.team.findMany({ where: { members: { some: { id: { in: userIds } } } }, select: { slug: true } });
  return new Set(rows.map((r) => r.slug));
}

/** Every team with its parent, member count and depth-first position, for the Teams page and the pickers. */
export async function listTeams() {
  const teams = await prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, parentId: true, _count: { select: { members: true } } } });
  const children = new Map<string | null, typeof teams>();
  for (const t of teams) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  const out: { id: string; slug: string; name: string; parentId: string | null; members: number; depth: number; path: string }[] = [];
  const walk = (parentId: string | null, depth: number, path: string) => {
    for (const t of children.get(parentId) ?? []) {
      const here = path ? `${path} / ${t.name}` : t.name;
      out.push({ id: t.id, slug: t.slug, name: t.name, parentId: t.parentId, members: t._count.members, depth, path: here });
      walk(t.id, depth + 1, here);
    }
  };
  walk(null, 0, "");
  return out;
}
export type TeamRow = Awaited<ReturnType<typeof listTeams>>[number];

async function assertParent(tx: Tx, teamId: string | null, parentId: string | null) {
  if (!parentId) return;
  const parents = new Map((await tx.team.findMany({ select: { id: true, parentId: true } })).map((t) => [t.id, t.parentId]));
  if (!parents.has(parentId)) throw new AppError("invalid", "That parent team does not exist.", 400, [{ path: "parentId", message: "Choose an existing team." }]);
  // Walking up from the new parent must never reach the team itself, or the tree would become a loop.
  const seen = new Set<string>();
  for (let at: string | null = parentId; at && !seen.has(at); at = parents.get(at) ?? null) {
    seen.add(at);
    if (at === teamId) throw new AppError("invalid", "A team cannot move under itself or one of its own subteams.", 400, [{ path: "parentId", message: "This team is inside the one you are moving." }]);
  }
}

/** Adds a team, at the top or under a parent. */
export async function createTeam(actor: Actor, input: CreateTeamInput) {
  const team = await prisma.$transaction(async (tx) => {
    const taken = await tx.team.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (taken) throw new AppError("conflict", `A team with the slug ${input.slug} exists already.`, 409, [{ path: "slug", message: "This slug is taken." }]);
    await assertParent(tx, null, input.parentId);
    const created = await tx.team.create({ data: input });
    await appendAudit(tx, { actor, action: "team.created", entityType: "team", entityId: created.id, data: { ...input } });
    return created;
  });
  invalidatePolicySnapshot();
  return team;
}

/**
 * Renames a team or moves it under another (or to the top). The slug stays: reports and rules refer to it. Reports
 * read the tree when they run, so a moved team's usage counts under its new parent at once.
 */
export async function updateTeam(actor: Actor, input: UpdateTeamInput) {
  const team = await prisma.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { id: input.id } });
    if (!before) throw notFound("Team");
    await assertParent(tx, before.id, input.parentId);
    if (before.name === input.name && before.parentId === input.parentId) return before;
    const after = await tx.team.update({ where: { id: before.id }, data: { name: input.name, parentId: input.parentId } });
    await appendAudit(tx, {
      actor,
      action: before.parentId !== after.parentId ? "team.moved" : "team.renamed",
      entityType: "team",
      entityId: after.id,
      data: { slug: after.slug, before: { name: before.name, parentId: before.parentId }, after: { name: after.name, parentId: after.parentId } },
    });
    return after;
  });
  invalidatePolicySnapshot();
  return team;
}
