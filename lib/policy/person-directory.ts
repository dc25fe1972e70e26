import "server-only";
import { prisma } from "@/lib/db/client";
import { hotQuery } from "@/lib/db/hot-query";
import { capResolver, type PersonCaps } from "@/lib/caps/cap-limit";
import { teamChainOf } from "@/lib/org/team-chain";
import type { Role } from "@/lib/generated/prisma/enums";
import type { PolicyGrant, PolicyPerson } from "./evaluate";
import type { PolicySnapshot } from "./policy-snapshot";

export type DirectoryPerson = PolicyPerson & {
  email: string;
  employeeId: string;
  name: string;
  roles: Role[];
  teamId: string | null;
  managerId: string | null;
  deactivatedAt: Date | null;
  /** the person's team first, then every team above it (same as teamIds) */
  teamChain: string[];
  /** the monthly cap on external tools (caps.external): personal override, team default or role default */
  monthlyCap: number;
  /** every cap of the person: external, in-house (optional) and per tool (optional); grant overrides apply per use */
  caps: PersonCaps;
};

export type PersonContext = { person: DirectoryPerson; grants: PolicyGrant[] };

export type PersonDirectory = {
  byId: Map<string, DirectoryPerson>;
  /** lower-cased email, employee id and email alias (UserEmailAlias: another address a tool reports) */
  byKey: Map<string, DirectoryPerson>;
  grantsByUser: Map<string, PolicyGrant[]>;
};

// Ingestion evaluates late events at the time they happened, so grants that ended recently still count.
const GRANT_LOOKBACK_MS = 400 * 24 * 3600 * 1000;

/** Everyone, with team chains and caps resolved, and the grants that are not long over. */
export async function loadPersonDirectory(snapshot: Pick<PolicySnapshot, "teamParents" | "caps">): Promise<PersonDirectory> {
  const since = new Date(Date.now() - GRANT_LOOKBACK_MS);
  const [users, grants, aliases] = await Promise.all([
    prisma.user.findMany({
      select: { id: true, email: true, employeeId: true, name: true, roles: true, active: true, deactivatedAt: true, teamId: true, managerId: true },
    }),
    prisma.grant.findMany({
      // Revoked grants too: a late event from before the revocation was allowed (the evaluator checks the time).
      where: { validTo: { gt: since } },
      select: { id: true, userId: true, toolId: true, activityId: true, projectId: true, validFrom: true, validTo: true, revokedAt: true, capOverrideTokens: true },
    }),
    prisma.userEmailAlias.findMany({ select: { email: true, userId: true } }),
  ]);
  const capsOf = capResolver(snapshot.caps);
  const byId = new Map<string, DirectoryPerson>();
  const byKey = new Map<string, DirectoryPerson>();
  for (const u of users) {
    const teamChain = teamChainOf(u.teamId, snapshot.teamParents);
    const caps = capsOf({ id: u.id, roles: u.roles, teamChain });
    const person: DirectoryPerson = { ...u, teamIds: teamChain, teamChain, monthlyCap: caps.external, caps };
    byId.set(u.id, person);
    byKey.set(u.email.toLowerCase(), person);
    byKey.set(u.employeeId.toLowerCase(), person);
  }
  // An alias never shadows a person's own email or employee id (aliasing refuses those; this guards a later rename).
  for (const a of aliases) {
    const person = byId.get(a.userId);
    if (person && !byKey.has(a.email)) byKey.set(a.email, person);
  }
  const grantsByUser = new Map<string, PolicyGrant[]>();
  for (const { userId, ...g } of grants) {
    const list = grantsByUser.get(userId);
    if (list) list.push(g);
    else grantsByUser.set(userId, [g]);
  }
  return { byId, byKey, grantsByUser };
}

// The same matching as findPerson (id; email, employee id or alias in any case), in the database.
const ANYONE_NAMED_SQL = `
SELECT EXISTS (SELECT 1 FROM "User" WHERE "id" = ANY($1::text[]) OR lower("email") = ANY($2::text[]) OR lower("employeeId") = ANY($2::text[]))
    OR EXISTS (SELECT 1 FROM "UserEmailAlias" WHERE "email" = ANY($2::text[])) AS "found"`;

/** Does the database (not this process's directory) hold a person any of these names would find? One look-up. */
export async function anyoneNamed(keys: string[]): Promise<boolean> {
  if (!keys.length) return false;
  const lowered = keys.map((k) => k.trim().toLowerCase());
  const [row] = await hotQuery<{ found: boolean }>("anyone_named", ANYONE_NAMED_SQL, [keys, lowered]);
  return row?.found === true;
}

export function findPerson(directory: PersonDirectory, key: string): PersonContext | null {
  const person = directory.byId.get(key) ?? directory.byKey.get(key.trim().toLowerCase());
  return person ? { person, grants: directory.grantsByUser.get(person.id) ?? [] } : null;
}
