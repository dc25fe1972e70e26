import type { Role } from "../generated/prisma/enums";

export const FALLBACK_MONTHLY_CAP = 50_000_000;

export type CapRow = { scope: "role" | "team" | "user"; role: Role | null; teamId: string | null; userId: string | null; monthlyTokens: bigint | number };

/**
 * A person's monthly cap: a personal override wins; else the nearest team default up the tree
 * (`teamChain` lists the person's team first, then its parents); else the largest default of their roles.
 * Grant overrides are applied by the policy evaluator for usage under that grant.
 */
export function resolveMonthlyCap(caps: CapRow[], person: { id: string; roles: Role[]; teamChain: string[] }): number {
  const personal = caps.find((c) => c.scope === "user" && c.userId === person.id);
  if (personal) return Number(personal.monthlyTokens);
  for (const teamId of person.teamChain) {
    const team = caps.find((c) => c.scope === "team" && c.teamId === teamId);
    if (team) return Number(team.monthlyTokens);
  }
  const byRole = caps.filter((c) => c.scope === "role" && c.role && person.roles.includes(c.role)).map((c) => Number(c.monthlyTokens));
  return byRole.length ? Math.max(...byRole) : FALLBACK_MONTHLY_CAP;
}
