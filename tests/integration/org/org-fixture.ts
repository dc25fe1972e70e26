import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * A small reporting tree:
 *   top (manager) ─┬─ mid (manager) ─┬─ e1
 *                  │                 └─ e2
 *                  └─ e3
 *   other (manager) ── e4
 *   legal, admin, gone (deactivated engineer under mid)
 */
export async function createOrgFixture() {
  const make = (key: string, roles: Role[], managerId: string | null = null, active = true) =>
    prisma.user.create({ data: { email: `${key}@org.test`, employeeId: `E-${key}`, name: `Person ${key}`, roles, managerId, active } });
  const top = await make("top", ["manager", "engineer"]);
  const mid = await make("mid", ["manager"], top.id);
  const e1 = await make("e1", ["engineer"], mid.id);
  const e2 = await make("e2", ["engineer"], mid.id);
  const e3 = await make("e3", ["engineer"], top.id);
  const other = await make("other", ["manager"]);
  const e4 = await make("e4", ["engineer"], other.id);
  const legal = await make("legal", ["legal"]);
  const admin = await make("admin", ["admin"]);
  const gone = await make("gone", ["engineer"], mid.id, false);
  return { top, mid, e1, e2, e3, other, e4, legal, admin, gone };
}

export const asPerson = (u: { id: string; email: string; name: string; roles: Role[]; teamId: string | null; managerId: string | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  teamId: u.teamId,
  managerId: u.managerId,
});
