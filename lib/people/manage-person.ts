import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { Tx } from "@/lib/db/tx";
import { AppError, conflict, notFound } from "@/lib/errors";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { stopPersonAccess } from "./stop-person-access";
import type { PlacePersonInput, SetActiveInput, SetRolesInput } from "@/lib/validation/people";

async function loadPerson(tx: Tx, id: string) {
  const person = await tx.user.findUnique({ where: { id } });
  if (!person) throw notFound("Person");
  return person;
}

/** Someone must stay able to run the portal: the last active admin keeps the role and stays active. */
async function assertNotLastAdmin(tx: Tx, userId: string, what: string) {
  // Raw: Prisma's `roles: { has }` on an enum array fails on the PGlite adapter.
  const others = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "active" AND 'admin'::"Role" = ANY("roles") AND "id" <> ${userId} LIMIT 1`;
  if (others.length === 0) throw conflict(`This is the last active admin: ${what}. Make someone else an admin first.`);
}

/** Replaces a person's roles. Roles are read from the directory on every request, so the change applies at once. */
export async function setPersonRoles(actor: Actor, input: SetRolesInput) {
  const person = await prisma.$transaction(async (tx) => {
    const before = await loadPerson(tx, input.id);
    if (before.roles.includes("admin") && !input.roles.includes("admin") && before.active) await assertNotLastAdmin(tx, before.id, "they keep the admin role");
    const after = await tx.user.update({ where: { id: before.id }, data: { roles: input.roles } });
    await appendAudit(tx, { actor, action: "user.roles_changed", entityType: "user", entityId: after.id, data: { email: after.email, before: before.roles, after: after.roles } });
    return after;
  });
  invalidatePolicySnapshot();
  return person;
}

/** Moves a person to a team and/or under a manager; a manager must be active and not someone who reports to them. */
export async function placePerson(actor: Actor, input: PlacePersonInput) {
  const person = await prisma.$transaction(async (tx) => {
    const before = await loadPerson(tx, input.id);
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
      throw new AppError("invalid", "That team does not exist.", 400, [{ path: "teamId", message: "Choose an existing team." }]);
    }
    let managerId: string | null = null;
    if (input.managerEmail) {
      const manager = await tx.user.findFirst({ where: { email: { equals: input.managerEmail, mode: "insensitive" } }, select: { id: true, active: true } });
      const fail = (message: string) => new AppError("invalid", message, 400, [{ path: "managerEmail", message }]);
      if (!manager) throw fail("Nobody in the directory has this email.");
      managerId = manager.id;
      if (manager.id === before.id) throw fail("A person cannot be their own manager.");
      if (!manager.active) throw fail("That manager is deactivated; choose an active one.");
      const loop = await tx.$queryRaw<{ found: boolean }[]>`
        WITH RECURSIVE chain AS (
          SELECT "id", "managerId" FROM "User" WHERE "id" = ${manager.id}
          UNION
          SELECT u."id", u."managerId" FROM "User" u JOIN chain ON u."id" = chain."managerId"
        )
        SELECT EXISTS (SELECT 1 FROM chain WHERE "id" = ${before.id}) AS found`;
      if (loop[0]?.found) throw fail("That person reports to this one (directly or further down): it would make a reporting loop.");
    }
    if (before.teamId === input.teamId && before.managerId === managerId) return before;
    const after = await tx.user.update({ where: { id: before.id }, data: { teamId: input.teamId, managerId } });
    await appendAudit(tx, {
      actor,
      action: "user.placed",
      entityType: "user",
      entityId: after.id,
      data: { email: after.email, before: { teamId: before.teamId, managerId: before.managerId }, after: { teamId: after.teamId, managerId: after.managerId } },
    });
    return after;
  });
  invalidatePolicySnapshot();
  return person;
}

/**
 * Deactivates or reactivates a person. Deactivated: signed out at their next request, decisions deny with
 * user_inactive, their live grants are revoked (each request shows as revoked) and their pending requests are
 * withdrawn; nothing of their history is deleted. Reactivated: they may sign in again; revoked grants stay revoked (they file a new request).
 */
export async function setPersonActive(actor: Actor, input: SetActiveInput, now = new Date()) {
  const result = await prisma.$transaction(async (tx) => {
    const before = await loadPerson(tx, input.id);
    if (before.active === input.active) return { person: before, revokedGrants: 0, withdrawnRequests: 0 };
    if (!input.active) {
      if (actor.type === "user" && actor.id === before.id) throw conflict("You cannot deactivate yourself.");
      if (before.roles.includes("admin")) await assertNotLastAdmin(tx, before.id, "they stay active");
    }
    if (input.active) await tx.user.update({ where: { id: before.id }, data: { active: true, deactivatedAt: null } });
    const stopped = input.active ? null : await stopPersonAccess(tx, { userId: before.id, actor, reason: "The person was deactivated.", now });
    const revokedGrants = stopped?.revokedGrantIds.length ?? 0;
    const withdrawnRequests = stopped?.withdrawnRequestIds.length ?? 0;
    await appendAudit(tx, {
      actor,
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: before.id,
      data: { email: before.email, ...(input.active ? {} : { revokedGrants, withdrawnRequests }) },
    });
    const person = await tx.user.findUniqueOrThrow({ where: { id: before.id } });
    return { person, revokedGrants, withdrawnRequests };
  });
  invalidatePolicySnapshot();
  return result;
}
