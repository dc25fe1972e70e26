import "server-only";
import { cache } from "react";
import { forbidden, notFound, redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { isInOrg, orgUserIds } from "@/lib/org/org-tree";
import { noteSessionActor } from "@/lib/logging/session-actor";
import { hasRole } from "./roles";
import { readSessionPersonId } from "./session";

export { orgUserIds, hasRole };

/** The signed-in person as the server sees them now: roles and status are read from the database on every request. */
export type Person = { id: string; email: string; name: string; roles: Role[]; teamId: string | null; managerId: string | null };

type SessionState = { status: "signed_out" } | { status: "inactive" } | { status: "ok"; person: Person };

const personSelect = { id: true, email: true, name: true, roles: true, teamId: true, managerId: true, active: true } as const;

/** Loads a person by id; deactivated people resolve to "inactive" so a deactivation ends their session at once. */
export async function loadPerson(id: string): Promise<SessionState> {
  const row = await prisma.user.findUnique({ where: { id }, select: personSelect });
  if (!row) return { status: "signed_out" };
  if (!row.active) return { status: "inactive" };
  return { status: "ok", person: { id: row.id, email: row.email, name: row.name, roles: row.roles, teamId: row.teamId, managerId: row.managerId } };
}

// Once per request: pages, layouts and actions rendered together share one lookup.
const resolveSession = cache(async (): Promise<SessionState> => {
  const id = await readSessionPersonId();
  if (!id) return { status: "signed_out" };
  const state = await loadPerson(id);
  if (state.status === "ok") await noteSessionActor(state.person.id);
  return state;
});

export async function getCurrentPerson(): Promise<Person | null> {
  const s = await resolveSession();
  return s.status === "ok" ? s.person : null;
}

/** The signed-in person, or a redirect to sign-in (or to the page explaining a deactivated account). */
export async function requirePerson(): Promise<Person> {
  const s = await resolveSession();
  if (s.status === "inactive") redirect("/signin/denied?reason=inactive");
  if (s.status !== "ok") redirect("/signin");
  return s.person;
}

/** The signed-in person if they hold one of `roles`; otherwise the 403 page. */
export async function requireRole(...roles: Role[]): Promise<Person> {
  const person = await requirePerson();
  if (!hasRole(person, ...roles)) forbidden();
  return person;
}


/** Everyone sees themselves; managers see the org below them; legal and admin see everyone. */
export async function canSeeUser(person: Pick<Person, "id" | "roles">, userId: string): Promise<boolean> {
  if (person.id === userId) return true;
  if (hasRole(person, "legal", "admin")) return true;
  if (hasRole(person, "manager")) return isInOrg(person.id, userId);
  return false;
}


/** A person page's guard: someone outside the viewer's scope reads as not found. */
export async function requireUserInScope(person: Person, userId: string): Promise<void> {
  if (!(await canSeeUser(person, userId))) notFound();
}

/**
 * The people whose records this person may read: "all" for legal and admin, the manager's org plus
 * themselves for managers, only themselves otherwise. Put it in the where clause: `userId: { in: ids }`.
 */
export async function visibleUserIds(person: Person): Promise<"all" | string[]> {
  if (hasRole(person, "legal", "admin")) return "all";
  if (hasRole(person, "manager")) return [person.id, ...(await orgUserIds(person.id))];
  return [person.id];
}
