import "server-only";
import { prisma } from "@/lib/db/client";
import type { CapScope, Role } from "@/lib/generated/prisma/enums";
import { storyCast, type PersonSeed } from "./org-data";

type CapSeed = { id: string; scope: CapScope; role?: Role; team?: string; user?: string; monthlyTokens: number };

export const ROLE_CAPS: Record<Role, number> = { engineer: 40_000_000, manager: 20_000_000, legal: 10_000_000, admin: 10_000_000 };
/** Personal cap of the people the demo shows over their cap. */
export const LOWERED_CAP = 8_000_000;

export function buildCaps(people: PersonSeed[]): CapSeed[] {
  const cast = storyCast(people);
  return [
    ...Object.entries(ROLE_CAPS).map(([role, monthlyTokens]) => ({ id: `seed-cap-role-${role}`, scope: "role" as const, role: role as Role, monthlyTokens })),
    { id: "seed-cap-team-ml-research", scope: "team", team: "ml-research", monthlyTokens: 80_000_000 },
    { id: "seed-cap-team-ml-data", scope: "team", team: "ml-data", monthlyTokens: 60_000_000 },
    { id: "seed-cap-team-dev-productivity", scope: "team", team: "dev-productivity", monthlyTokens: 60_000_000 },
    ...cast.overCap.map((p) => ({ id: `seed-cap-user-${p.employeeId}`, scope: "user" as const, user: p.email, monthlyTokens: LOWERED_CAP })),
    ...cast.raisedCap.map((p) => ({ id: `seed-cap-user-${p.employeeId}`, scope: "user" as const, user: p.email, monthlyTokens: 120_000_000 })),
  ];
}

/** Role defaults, team defaults and personal overrides, keyed by deterministic ids. */
export async function seedCaps(people: PersonSeed[], teams: Map<string, string>, users: Map<string, string>): Promise<number> {
  const caps = buildCaps(people);
  const existing = new Map((await prisma.cap.findMany({ where: { id: { in: caps.map((c) => c.id) } } })).map((c) => [c.id, c]));
  for (const c of caps) {
    const data = {
      scope: c.scope,
      role: c.role ?? null,
      teamId: c.team ? teams.get(c.team)! : null,
      userId: c.user ? users.get(c.user)! : null,
      monthlyTokens: BigInt(c.monthlyTokens),
    };
    const row = existing.get(c.id);
    if (row && row.scope === data.scope && row.role === data.role && row.teamId === data.teamId && row.userId === data.userId && row.monthlyTokens === data.monthlyTokens) continue;
    await prisma.cap.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
  }
  return caps.length;
}
