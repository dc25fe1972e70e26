import type { CapKind, Role } from "../generated/prisma/enums";
import type { CapResults, CapStates } from "../policy/evaluate";

// Which caps a person has. Three kinds, each resolved by the same rule (a personal override wins; else the
// nearest team default up the tree; else the largest default of the person's roles):
// - external: the monthly cap. Only external tools' tokens count toward it, only external tools are denied by it.
//   Everyone has one (FALLBACK_MONTHLY_CAP when nothing is set).
// - in_house: an optional cap on the in-house tools' tokens. None unless an admin sets one.
// - tool: an optional cap on one tool's tokens (e.g. tighter on one vendor), on top of the cap of its kind.
// Grant overrides raise the external (or in-house) cap per use; the policy evaluator applies them.

export const FALLBACK_MONTHLY_CAP = 50_000_000;

export type CapRow = {
  scope: "role" | "team" | "user";
  role: Role | null;
  teamId: string | null;
  userId: string | null;
  kind: CapKind;
  toolId: string | null;
  monthlyTokens: bigint | number;
};

export type PersonCaps = {
  /** the monthly cap on external tools' tokens */
  external: number;
  /** the in-house tools' cap, null when none is set */
  inHouse: number | null;
  /** tool id → that tool's cap, only for tools that have one */
  tools: Map<string, number>;
};

export type CapPerson = { id: string; roles: Role[]; teamChain: string[] };

/** The counter a cap is kept in: "external" (CapUsage), "in_house" or "tool:<toolId>" (CapBucketUsage). */
export type CapBucket = "external" | "in_house" | `tool:${string}`;

export function capBucketOf(row: Pick<CapRow, "kind" | "toolId">): CapBucket | null {
  if (row.kind === "tool") return row.toolId ? `tool:${row.toolId}` : null;
  return row.kind;
}

type Level = { byUser: Map<string, number>; byTeam: Map<string, number>; byRole: Map<Role, number> };

/**
 * Indexes the cap rows once and returns the resolver for one person (the directory resolves everyone with it).
 * Caps are a small table: build the resolver from all of them.
 */
export function capResolver(caps: CapRow[]): (person: CapPerson) => PersonCaps {
  const levels = new Map<CapBucket, Level>();
  for (const c of caps) {
    const bucket = capBucketOf(c);
    if (!bucket) continue;
    let level = levels.get(bucket);
    if (!level) levels.set(bucket, (level = { byUser: new Map(), byTeam: new Map(), byRole: new Map() }));
    const n = Number(c.monthlyTokens);
    if (c.scope === "user" && c.userId) level.byUser.set(c.userId, n);
    else if (c.scope === "team" && c.teamId) level.byTeam.set(c.teamId, n);
    else if (c.scope === "role" && c.role) level.byRole.set(c.role, Math.max(n, level.byRole.get(c.role) ?? 0));
  }
  const resolve = (level: Level | undefined, person: CapPerson): number | null => {
    if (!level) return null;
    const own = level.byUser.get(person.id);
    if (own !== undefined) return own;
    for (const teamId of person.teamChain) {
      const team = level.byTeam.get(teamId);
      if (team !== undefined) return team;
    }
    const byRole = person.roles.map((r) => level.byRole.get(r)).filter((n): n is number => n !== undefined);
    return byRole.length ? Math.max(...byRole) : null;
  };
  const toolBuckets = [...levels.keys()].filter((b): b is `tool:${string}` => b.startsWith("tool:"));
  return (person) => {
    const tools = new Map<string, number>();
    for (const b of toolBuckets) {
      const limit = resolve(levels.get(b), person);
      if (limit !== null) tools.set(b.slice("tool:".length), limit);
    }
    return {
      external: resolve(levels.get("external"), person) ?? FALLBACK_MONTHLY_CAP,
      inHouse: resolve(levels.get("in_house"), person),
      tools,
    };
  };
}

/** A person's caps: the one rule, for callers that resolve a single person. */
export function resolvePersonCaps(caps: CapRow[], person: CapPerson): PersonCaps {
  return capResolver(caps)(person);
}

type Counter = { used: number; reserved: number };

/**
 * The evaluator's cap input for one tool: the external cap always (the evaluator applies it to external tools
 * only, and every answer shows it), the in-house cap and the tool's own cap where set.
 */
export function capStatesFor(
  caps: PersonCaps,
  toolId: string,
  period: string,
  counters: { external: Counter; inHouse: Counter; tools: Map<string, Counter> },
): CapStates {
  const toolLimit = caps.tools.get(toolId);
  return {
    external: { period, limit: caps.external, ...counters.external },
    inHouse: caps.inHouse == null ? null : { period, limit: caps.inHouse, ...counters.inHouse },
    tool: toolLimit == null ? null : { period, limit: toolLimit, ...(counters.tools.get(toolId) ?? { used: 0, reserved: 0 }) },
  };
}

/** The counters an allowed use reserves in, with the limits the evaluator applied (grant overrides included). */
export function reservationLimits(caps: CapResults, toolId: string): { bucket: CapBucket; limit: number }[] {
  const out: { bucket: CapBucket; limit: number }[] = [];
  if (caps.external?.applies) out.push({ bucket: "external", limit: caps.external.limit });
  if (caps.inHouse?.applies) out.push({ bucket: "in_house", limit: caps.inHouse.limit });
  if (caps.tool) out.push({ bucket: `tool:${toolId}`, limit: caps.tool.limit });
  return out;
}
