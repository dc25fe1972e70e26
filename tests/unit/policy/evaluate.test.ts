import { describe, expect, it } from "vitest";
import {
  evaluatePolicy,
  type CapState,
  type DecisionKind,
  type PolicyActivity,
  type PolicyClause,
  type PolicyGrant,
  type PolicyInput,
  type PolicyProject,
  type PolicyRuleInput,
  type PolicyTool,
  type ReasonCode,
} from "@/lib/policy/evaluate";

const NOW = new Date("2026-11-20T10:00:00Z");
const DAY = 86_400_000;

const tools = {
  codex: { id: "t-codex", slug: "codex", name: "Codex", kind: "external", status: "approved" },
  claude: { id: "t-claude", slug: "claude-code", name: "Claude Code", kind: "external", status: "approved" },
  metacode: { id: "t-meta", slug: "metacode", name: "MetaCode", kind: "internal", status: "approved" },
  blocked: { id: "t-copilot", slug: "copilot", name: "Copilot", kind: "external", status: "blocked" },
  restricted: { id: "t-gemini", slug: "gemini-cli", name: "Gemini CLI", kind: "external", status: "restricted" },
  blockedInternal: { id: "t-meta2", slug: "metacode-beta", name: "MetaCode beta", kind: "internal", status: "blocked" },
} satisfies Record<string, PolicyTool>;

const activities = {
  docs: { id: "a-docs", slug: "documentation", name: "Documentation", disposition: "allowed" },
  tests: { id: "a-tests", slug: "test-infrastructure", name: "Test infrastructure", disposition: "allowed" },
  product: { id: "a-product", slug: "product-code", name: "Product code", disposition: "exception_required" },
  other: { id: "a-other", slug: "other", name: "Other", disposition: "exception_required" },
  training: { id: "a-train", slug: "training-data-generation", name: "Training-data generation", disposition: "prohibited_external" },
  benchmark: { id: "a-bench", slug: "benchmark-design", name: "Benchmark design", disposition: "prohibited_external" },
} satisfies Record<string, PolicyActivity>;

const projects = {
  infra: { id: "p-infra", key: "infra-ci", name: "Infra CI", sensitivity: "general" },
  ads: { id: "p-ads", key: "ads-ranking", name: "Ads ranking", sensitivity: "confidential" },
  payments: { id: "p-pay", key: "payments-core", name: "Payments core", sensitivity: "confidential" },
  pretrain: { id: "p-llm", key: "llm-pretraining-data", name: "LLM pretraining data", sensitivity: "training_data" },
} satisfies Record<string, PolicyProject>;

const distillation: PolicyClause = {
  id: "c-openai-2",
  vendor: "OpenAI",
  ref: "§2(c)(iii)",
  summary: "No use of output to develop competing models.",
  severity: "critical",
  restrictedActivities: ["training-data-generation", "benchmark-design", "model-development"],
};
const confidentiality: PolicyClause = { id: "c-ant-4", vendor: "Anthropic", ref: "D.4", summary: "Customer content rules.", severity: "medium", restrictedActivities: [] };

function rule(id: string, position: number, match: Partial<PolicyRuleInput>, effect: PolicyRuleInput["effect"], clauses: PolicyClause[] = []): PolicyRuleInput {
  return { id, position, name: id, toolId: null, toolKind: null, activityId: null, disposition: null, sensitivity: null, teamId: null, effect, message: `rule ${id}`, clauses, ...match };
}

// The seeded shape: invariants as rules, then defaults by disposition.
const RULES: PolicyRuleInput[] = [
  rule("r-training", 1, { toolKind: "external", sensitivity: "training_data" }, "deny", [distillation]),
  rule("r-prohibited", 2, { toolKind: "external", disposition: "prohibited_external" }, "deny", [distillation]),
  rule("r-exception", 3, { disposition: "exception_required" }, "require_exception", [confidentiality]),
  rule("r-allowed", 4, { disposition: "allowed" }, "allow"),
];

function grant(overrides: Partial<PolicyGrant> = {}): PolicyGrant {
  return {
    id: "g-1",
    toolId: tools.codex.id,
    activityId: activities.product.id,
    projectId: projects.ads.id,
    validFrom: new Date(NOW.getTime() - DAY),
    validTo: new Date(NOW.getTime() + 10 * DAY),
    revokedAt: null,
    capOverrideTokens: null,
    ...overrides,
  };
}

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    person: { id: "u-ana", active: true, teamIds: ["team-ads", "team-eng"] },
    tool: tools.codex,
    activity: activities.product,
    project: projects.ads,
    at: NOW,
    policyVersion: 3,
    rules: RULES,
    grants: [],
    ...overrides,
  };
}

type Case = { name: string; input: Partial<PolicyInput>; decision: DecisionKind; reason: ReasonCode; rule?: string | null; grant?: string | null; clauseRefs?: string[]; overCap?: "external" | "in_house" | "tool"; message?: RegExp };

const cap = (used: number, limit = 1_000, reserved = 0): CapState => ({ period: "2026-11", limit, used, reserved });

const CASES: Case[] = [
  // Dispositions by activity
  { name: "allowed activity with an external tool", input: { activity: activities.docs }, decision: "allow", reason: "allowed_by_policy", rule: "r-allowed" },
  { name: "allowed activity without a project", input: { activity: activities.tests, project: null }, decision: "allow", reason: "allowed_by_policy", rule: "r-allowed" },
  { name: "exception-required activity, no grant", input: {}, decision: "require_exception", reason: "exception_required", rule: "r-exception", clauseRefs: ["D.4"] },
  { name: "'other' needs an exception too", input: { activity: activities.other, project: projects.infra }, decision: "require_exception", reason: "exception_required" },
  { name: "prohibited activity for an external tool", input: { activity: activities.training, project: projects.infra }, decision: "deny", reason: "prohibited_activity", rule: "r-prohibited", clauseRefs: ["§2(c)(iii)"] },
  { name: "benchmark design is prohibited for an external tool", input: { activity: activities.benchmark, tool: tools.claude }, decision: "deny", reason: "prohibited_activity" },
  { name: "prohibited activity is allowed for the internal tool", input: { activity: activities.training, tool: tools.metacode, project: projects.infra }, decision: "allow", reason: "allowed_by_policy", rule: null },
  { name: "prohibited activity stays denied with no rules at all", input: { activity: activities.benchmark, rules: [] }, decision: "deny", reason: "prohibited_activity", rule: null },
  { name: "prohibited activity cannot be granted", input: { activity: activities.training, grants: [grant({ activityId: activities.training.id })] }, decision: "deny", reason: "prohibited_activity" },
  { name: "an allow rule placed first cannot lift the prohibition", input: { activity: activities.training, rules: [rule("r-loose", 0, { toolId: tools.codex.id }, "allow"), ...RULES] }, decision: "deny", reason: "prohibited_activity", rule: "r-prohibited" },

  // Training-data projects
  { name: "training-data project denies an external tool even for allowed work", input: { activity: activities.docs, project: projects.pretrain }, decision: "deny", reason: "training_data_project", rule: "r-training", clauseRefs: ["§2(c)(iii)"] },
  { name: "training-data project denies an external tool even with a grant", input: { project: projects.pretrain, grants: [grant({ projectId: projects.pretrain.id })] }, decision: "deny", reason: "training_data_project" },
  { name: "training-data project ignores an any-project grant", input: { project: projects.pretrain, grants: [grant({ projectId: null })] }, decision: "deny", reason: "training_data_project" },
  { name: "training-data project is denied with no rules at all", input: { project: projects.pretrain, rules: [] }, decision: "deny", reason: "training_data_project", rule: null },
  { name: "internal tool may work on a training-data project", input: { tool: tools.metacode, activity: activities.training, project: projects.pretrain }, decision: "allow", reason: "allowed_by_policy" },

  // Tool status
  { name: "blocked tool is denied for allowed work", input: { tool: tools.blocked, activity: activities.docs }, decision: "deny", reason: "tool_blocked", rule: null, clauseRefs: [] },
  { name: "blocked tool is denied even with a grant", input: { tool: tools.blocked, grants: [grant({ toolId: tools.blocked.id })] }, decision: "deny", reason: "tool_blocked" },
  { name: "blocked internal tool is denied", input: { tool: tools.blockedInternal, activity: activities.docs }, decision: "deny", reason: "tool_blocked" },
  { name: "restricted tool needs an exception for allowed work", input: { tool: tools.restricted, activity: activities.docs }, decision: "require_exception", reason: "exception_required" },
  { name: "restricted tool with a live grant is allowed", input: { tool: tools.restricted, activity: activities.docs, grants: [grant({ toolId: tools.restricted.id, activityId: activities.docs.id })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-1" },
  { name: "restricted tool still denies prohibited work", input: { tool: tools.restricted, activity: activities.training }, decision: "deny", reason: "prohibited_activity" },

  // Grants and their window
  { name: "live project grant allows", input: { grants: [grant()] }, decision: "allow", reason: "allowed_by_grant", grant: "g-1", rule: "r-exception" },
  { name: "grant starting exactly now allows (validFrom inclusive)", input: { grants: [grant({ validFrom: NOW })] }, decision: "allow", reason: "allowed_by_grant" },
  { name: "grant ending exactly now does not allow (validTo exclusive)", input: { grants: [grant({ validTo: NOW })] }, decision: "require_exception", reason: "exception_required" },
  { name: "grant ending a millisecond from now allows", input: { grants: [grant({ validTo: new Date(NOW.getTime() + 1) })] }, decision: "allow", reason: "allowed_by_grant" },
  { name: "grant starting tomorrow does not allow yet", input: { grants: [grant({ validFrom: new Date(NOW.getTime() + DAY) })] }, decision: "require_exception", reason: "exception_required" },
  { name: "expired grant does not allow", input: { grants: [grant({ validFrom: new Date(NOW.getTime() - 30 * DAY), validTo: new Date(NOW.getTime() - DAY) })] }, decision: "require_exception", reason: "exception_required" },
  { name: "revoked grant does not allow", input: { grants: [grant({ revokedAt: new Date(NOW.getTime() - 1000) })] }, decision: "require_exception", reason: "exception_required" },
  { name: "revoked at this very instant does not allow", input: { grants: [grant({ revokedAt: NOW })] }, decision: "require_exception", reason: "exception_required" },
  { name: "usage from before a later revocation was allowed (late event)", input: { grants: [grant({ revokedAt: new Date(NOW.getTime() + 1000) })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-1" },
  { name: "grant for another project does not allow", input: { grants: [grant({ projectId: projects.payments.id })] }, decision: "require_exception", reason: "exception_required" },
  { name: "project grant does not cover work without a project", input: { project: null, grants: [grant()] }, decision: "require_exception", reason: "exception_required" },
  { name: "any-project grant covers a confidential project", input: { grants: [grant({ id: "g-any", projectId: null })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-any" },
  { name: "any-project grant covers work without a project", input: { project: null, grants: [grant({ id: "g-any", projectId: null })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-any" },
  { name: "project-specific grant wins over an any-project grant", input: { grants: [grant({ id: "g-any", projectId: null, validTo: new Date(NOW.getTime() + 60 * DAY) }), grant({ id: "g-ads" })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-ads" },
  { name: "grant for another tool does not allow", input: { grants: [grant({ toolId: tools.claude.id })] }, decision: "require_exception", reason: "exception_required" },
  { name: "grant for another activity does not allow", input: { grants: [grant({ activityId: activities.other.id })] }, decision: "require_exception", reason: "exception_required" },

  // Rules: order and team scope
  {
    name: "first matching rule by position wins, whatever the array order",
    input: { rules: [rule("r-late", 9, { activityId: activities.product.id }, "require_exception"), rule("r-early", 1, { activityId: activities.product.id }, "allow")] },
    decision: "allow",
    reason: "allowed_by_policy",
    rule: "r-early",
  },
  { name: "a deny rule matching first denies", input: { rules: [rule("r-no-ads", 0, { toolId: tools.codex.id, sensitivity: "confidential" }, "deny"), ...RULES] }, decision: "deny", reason: "prohibited_activity", rule: "r-no-ads" },
  { name: "a deny rule denies even with a grant", input: { grants: [grant()], rules: [rule("r-no-ads", 0, { sensitivity: "confidential" }, "deny"), ...RULES] }, decision: "deny", reason: "prohibited_activity" },
  { name: "team rule applies to a member of a sub-team", input: { rules: [rule("r-eng", 0, { teamId: "team-eng", activityId: activities.product.id }, "allow"), ...RULES] }, decision: "allow", reason: "allowed_by_policy", rule: "r-eng" },
  { name: "team rule skips people outside the team", input: { rules: [rule("r-legal", 0, { teamId: "team-legal", activityId: activities.product.id }, "allow"), ...RULES] }, decision: "require_exception", reason: "exception_required", rule: "r-exception" },
  { name: "sensitivity rule does not match work without a project", input: { project: null, rules: [rule("r-conf", 0, { sensitivity: "confidential" }, "deny"), ...RULES] }, decision: "require_exception", reason: "exception_required", rule: "r-exception" },
  { name: "tool-kind rule skips the internal tool", input: { tool: tools.metacode, rules: [rule("r-ext", 0, { toolKind: "external" }, "deny"), ...RULES] }, decision: "require_exception", reason: "exception_required", rule: "r-exception" },
  { name: "no matching rule falls back to the activity's disposition", input: { rules: [] }, decision: "require_exception", reason: "exception_required", rule: null },

  // People
  { name: "inactive person is denied for allowed work", input: { person: { id: "u-old", active: false, teamIds: [] }, activity: activities.docs }, decision: "deny", reason: "user_inactive", rule: null },
  { name: "usage from before a person left is judged as it was (late event)", input: { person: { id: "u-old", active: false, deactivatedAt: new Date(NOW.getTime() + DAY), teamIds: [] }, activity: activities.docs }, decision: "allow", reason: "allowed_by_policy" },
  { name: "usage after a person left is denied", input: { person: { id: "u-old", active: false, deactivatedAt: new Date(NOW.getTime() - DAY), teamIds: [] }, activity: activities.docs }, decision: "deny", reason: "user_inactive", rule: null },
  { name: "inactive person is denied even with a grant", input: { person: { id: "u-old", active: false, teamIds: [] }, grants: [grant()] }, decision: "deny", reason: "user_inactive" },

  // Caps
  { name: "under cap allows", input: { activity: activities.docs, caps: { external: cap(999) } }, decision: "allow", reason: "allowed_by_policy" },
  { name: "exactly at cap is over", input: { activity: activities.docs, caps: { external: cap(1_000) } }, decision: "deny", reason: "over_cap", clauseRefs: [] },
  { name: "over cap denies", input: { activity: activities.docs, caps: { external: cap(1_500) } }, decision: "deny", reason: "over_cap" },
  { name: "reservations count against the cap", input: { activity: activities.docs, caps: { external: cap(600, 1_000, 400) } }, decision: "deny", reason: "over_cap" },
  { name: "an estimate that does not fit is over", input: { activity: activities.docs, caps: { external: cap(900) }, estimatedTokens: 101 }, decision: "deny", reason: "over_cap" },
  { name: "an estimate that fits exactly is allowed", input: { activity: activities.docs, caps: { external: cap(900) }, estimatedTokens: 100 }, decision: "allow", reason: "allowed_by_policy" },
  { name: "a grant's cap override lifts the limit", input: { caps: { external: cap(1_200) }, grants: [grant({ capOverrideTokens: 5_000n })] }, decision: "allow", reason: "allowed_by_grant", grant: "g-1" },
  { name: "a grant's cap override is a limit too", input: { caps: { external: cap(5_000) }, grants: [grant({ capOverrideTokens: 5_000 })] }, decision: "deny", reason: "over_cap", grant: "g-1" },
  { name: "cap is checked after policy: a prohibited use reports the prohibition", input: { activity: activities.training, caps: { external: cap(5_000) } }, decision: "deny", reason: "prohibited_activity" },
  { name: "cap is checked after policy: an exception is still required", input: { caps: { external: cap(5_000) } }, decision: "require_exception", reason: "exception_required" },

  // Issue 18: the monthly cap governs external tools only; the in-house and per-tool caps are separate.
  { name: "over the external cap: an external tool is over_cap, naming the in-house assistant", input: { activity: activities.docs, caps: { external: cap(1_500) }, inHouseAssistant: { slug: "metacode", name: "MetaCode" } }, decision: "deny", reason: "over_cap", overCap: "external", message: /external AI tools.*MetaCode, "metacode".*does not count toward this cap/ },
  { name: "over the external cap: the in-house assistant is allowed", input: { tool: tools.metacode, activity: activities.docs, caps: { external: cap(1_500) } }, decision: "allow", reason: "allowed_by_policy" },
  { name: "over the external cap: the in-house assistant is allowed on a training-data project", input: { tool: tools.metacode, activity: activities.training, project: projects.pretrain, caps: { external: cap(5_000) }, estimatedTokens: 10_000 }, decision: "allow", reason: "allowed_by_policy" },
  { name: "in-house cap set and reached: the in-house assistant is over_cap with its own message", input: { tool: tools.metacode, activity: activities.docs, caps: { external: cap(0), inHouse: cap(2_000, 2_000) } }, decision: "deny", reason: "over_cap", overCap: "in_house", message: /cap on the in-house assistant reached.*separate from the external-tools cap/ },
  { name: "in-house cap reached: external tools are still allowed", input: { activity: activities.docs, caps: { external: cap(0), inHouse: cap(2_000, 2_000) } }, decision: "allow", reason: "allowed_by_policy" },
  { name: "in-house cap not reached: the in-house assistant is allowed", input: { tool: tools.metacode, activity: activities.docs, caps: { external: cap(5_000), inHouse: cap(1_999, 2_000) } }, decision: "allow", reason: "allowed_by_policy" },
  { name: "per-tool cap reached: that tool is over_cap", input: { activity: activities.docs, caps: { external: cap(100), tool: cap(300, 300) } }, decision: "deny", reason: "over_cap", overCap: "tool", message: /Monthly cap on Codex reached/ },
  { name: "per-tool cap: an estimate that does not fit that tool's cap is over", input: { activity: activities.docs, caps: { external: cap(100), tool: cap(250, 300) }, estimatedTokens: 51 }, decision: "deny", reason: "over_cap", overCap: "tool" },
  { name: "per-tool cap on the in-house tool applies to it", input: { tool: tools.metacode, activity: activities.docs, caps: { external: cap(0), tool: cap(300, 300) } }, decision: "deny", reason: "over_cap", overCap: "tool" },
  { name: "a grant's cap override does not lift a per-tool cap", input: { caps: { external: cap(1_200), tool: cap(400, 400) }, grants: [grant({ capOverrideTokens: 5_000n })] }, decision: "deny", reason: "over_cap", overCap: "tool" },
];

describe("evaluatePolicy", () => {
  it.each(CASES)("$name → $decision ($reason)", (c) => {
    const result = evaluatePolicy(input(c.input));
    expect(result.decision).toBe(c.decision);
    expect(result.reasons.map((r) => r.code)).toEqual([c.reason]);
    expect(result.reasons[0].message.length).toBeGreaterThan(0);
    if (c.rule !== undefined) expect(result.rule?.id ?? null).toBe(c.rule);
    if (c.grant !== undefined) expect(result.grant?.id ?? null).toBe(c.grant);
    if (c.clauseRefs !== undefined) expect(result.clauses.map((cl) => cl.ref)).toEqual(c.clauseRefs);
    if (c.overCap !== undefined) expect(result.overCap).toBe(c.overCap);
    if (c.message !== undefined) expect(result.reasons[0].message).toMatch(c.message);
  });

  it("shows the external cap on every answer and says whether it governs the tool", () => {
    const external = evaluatePolicy(input({ activity: activities.docs, caps: { external: cap(250) } }));
    expect(external.caps.external).toMatchObject({ used: 250, limit: 1_000, remaining: 750, applies: true });
    const inHouse = evaluatePolicy(input({ tool: tools.metacode, activity: activities.docs, caps: { external: cap(1_500), inHouse: cap(10, 100) } }));
    expect(inHouse.cap).toMatchObject({ used: 1_500, limit: 1_000, remaining: 0, applies: false });
    expect(inHouse.caps.inHouse).toMatchObject({ used: 10, limit: 100, remaining: 90, applies: true });
  });

  it("records the policy version with the rule that decided", () => {
    expect(evaluatePolicy(input()).rule).toEqual({ id: "r-exception", name: "r-exception", policyVersion: 3 });
  });

  it("reports the cap with what remains, using the grant's override", () => {
    expect(evaluatePolicy(input({ activity: activities.docs, caps: { external: cap(250, 1_000, 50) } })).cap).toEqual({ period: "2026-11", limit: 1_000, used: 250, reserved: 50, remaining: 700, applies: true });
    expect(evaluatePolicy(input({ caps: { external: cap(1_200) }, grants: [grant({ capOverrideTokens: 5_000n })] })).cap?.remaining).toBe(3_800);
  });

  it("returns the grant's end so callers can show it", () => {
    const validTo = new Date("2026-12-31T00:00:00Z");
    expect(evaluatePolicy(input({ grants: [grant({ validTo })] })).grant).toEqual({ id: "g-1", validTo });
  });

  it("does not depend on the order of the rules it is given", () => {
    const reversed = evaluatePolicy(input({ rules: [...RULES].reverse(), activity: activities.training }));
    expect(reversed.rule?.id).toBe("r-prohibited");
  });
});
