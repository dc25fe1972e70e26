import { describe, expect, it } from "vitest";
import type { CapCounters } from "@/lib/caps/cap-usage";
import type { PolicySnapshot, SnapshotTool } from "@/lib/policy/policy-snapshot";
import type { DirectoryPerson, PersonDirectory } from "@/lib/policy/person-directory";
import type { PolicyGrant } from "@/lib/policy/evaluate";
import { eventClassifier, type ResolvedEvent } from "@/lib/usage/classify-events";

// Ingestion's cap arithmetic, without a database: running totals from what is stored, in time order, carried from
// one request of a group to the next, and answers reused only where they cannot differ.

const tool = (id: string, kind: "external" | "internal"): SnapshotTool => ({
  id,
  slug: id,
  name: id,
  kind,
  status: "approved",
  vendor: "v",
  inputUsdPerMTok: 0,
  outputUsdPerMTok: 0,
});
const claude = tool("claude", "external");
const codex = tool("codex", "external");
const inHouse = tool("in-house", "internal");
const activity = { id: "act", slug: "act", name: "Routine work", disposition: "allowed" as const };

const snapshot = {
  policyVersion: 1,
  rules: [],
  activitiesById: new Map([[activity.id, activity]]),
  projectsById: new Map(),
  inHouseAssistant: { slug: inHouse.slug, name: inHouse.name },
} as unknown as PolicySnapshot;

function person(id: string, caps: { external: number; inHouse?: number; tools?: [string, number][] }): DirectoryPerson {
  return {
    id,
    active: true,
    deactivatedAt: null,
    teamIds: [],
    teamChain: [],
    teamId: null,
    caps: { external: caps.external, inHouse: caps.inHouse ?? null, tools: new Map(caps.tools ?? []) },
  } as unknown as DirectoryPerson;
}

const directory = (grants: [string, PolicyGrant[]][] = []) => ({ grantsByUser: new Map(grants) }) as unknown as PersonDirectory;

let n = 0;
function event(who: DirectoryPerson, t: SnapshotTool, minute: number, tokens: number): ResolvedEvent {
  const occurredAt = new Date(Date.UTC(2026, 10, 20, 9, minute));
  return {
    index: n,
    input: { id: `e${n++}`, user: who.id, tool: t.slug, activity: activity.slug, occurredAt: occurredAt.toISOString(), inputTokens: tokens, outputTokens: 0 },
    occurredAt,
    person: who,
    tool: t,
    activityId: activity.id,
    projectId: null,
    day: "2026-11-20",
    period: "2026-11",
    costUsd: 0,
  } as ResolvedEvent;
}

const stored = (external: number, tools: [string, number][] = []): CapCounters => ({
  external: { used: external, reserved: 0 },
  inHouse: { used: 0, reserved: 0 },
  tools: new Map(tools.map(([id, used]) => [id, { used, reserved: 0 }])),
});

const outcomes = (classified: { input: { id: string }; outcome: string }[]) => classified.map((e) => `${e.input.id}:${e.outcome}`);

describe("eventClassifier", () => {
  it("allows the event that crosses the cap and holds the ones after it over the cap, in time order", () => {
    const ana = person("ana", { external: 1_000 });
    const classify = eventClassifier(snapshot, directory(), new Map([["ana|2026-11", stored(900)]]));
    const [late, first, crossing] = [event(ana, claude, 30, 70), event(ana, claude, 10, 50), event(ana, claude, 20, 60)];
    expect(outcomes(classify([late, first, crossing]))).toEqual([`${first.input.id}:allowed`, `${crossing.input.id}:allowed`, `${late.input.id}:over_cap`]);
    expect(classify([late])[0].reasonCodes).toEqual(["over_cap"]);
  });

  it("carries the totals from one request of a group to the next", () => {
    const ben = person("ben", { external: 100 });
    const classify = eventClassifier(snapshot, directory(), new Map());
    expect(classify([event(ben, claude, 1, 80)]).map((e) => e.outcome)).toEqual(["allowed"]);
    expect(classify([event(ben, codex, 2, 30)]).map((e) => e.outcome)).toEqual(["allowed"]);
    expect(classify([event(ben, claude, 3, 1)]).map((e) => e.outcome)).toEqual(["over_cap"]);
  });

  it("counts the in-house assistant only toward its own cap, and a tool's cap only for that tool", () => {
    const cy = person("cy", { external: 100, inHouse: 50, tools: [[codex.id, 10]] });
    const classify = eventClassifier(snapshot, directory(), new Map([["cy|2026-11", stored(100, [[codex.id, 10]])]]));
    const result = classify([event(cy, claude, 1, 5), event(cy, inHouse, 2, 40), event(cy, inHouse, 3, 20), event(cy, inHouse, 4, 1), event(cy, codex, 5, 1)]);
    expect(result.map((e) => e.outcome)).toEqual(["over_cap", "allowed", "allowed", "over_cap", "over_cap"]);
  });

  it("evaluates people with grants event by event (a grant's window depends on the time)", () => {
    const dee = person("dee", { external: 1_000 });
    const grant: PolicyGrant = {
      id: "g1",
      toolId: claude.id,
      activityId: activity.id,
      projectId: null,
      validFrom: new Date(Date.UTC(2026, 10, 20, 9, 0)),
      validTo: new Date(Date.UTC(2026, 10, 20, 9, 15)),
      revokedAt: null,
      capOverrideTokens: null,
    };
    const restricted = { ...claude, status: "restricted" as const };
    const classify = eventClassifier(snapshot, directory([[dee.id, [grant]]]), new Map());
    const result = classify([event(dee, restricted, 10, 1), event(dee, restricted, 20, 1)]);
    expect(result.map((e) => [e.outcome, e.grantId])).toEqual([
      ["allowed_by_grant", "g1"],
      ["violation", null],
    ]);
  });
});
