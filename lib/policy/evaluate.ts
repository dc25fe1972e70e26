// The one policy evaluator. Pure: data in, decision out. The "what's allowed" page, the request form,
// ingestion and the decision API all call it; nothing else decides policy.
import type { Disposition, RuleEffect, Sensitivity, Severity, ToolKind, ToolStatus } from "../generated/prisma/enums";

export type ReasonCode =
  | "allowed_by_policy"
  | "allowed_by_grant"
  | "exception_required"
  | "prohibited_activity"
  | "training_data_project"
  | "tool_blocked"
  | "over_cap"
  | "unknown_user"
  | "unknown_tool"
  | "unknown_project"
  | "user_inactive";

export type DecisionKind = "allow" | "deny" | "require_exception";
export type Reason = { code: ReasonCode; message: string };

export type PolicyClause = { id: string; vendor: string; ref: string; summary: string; severity: Severity; restrictedActivities: string[]; url?: string | null };
export type PolicyRuleInput = {
  id: string;
  position: number;
  name: string;
  toolId: string | null;
  toolKind: ToolKind | null;
  activityId: string | null;
  disposition: Disposition | null;
  sensitivity: Sensitivity | null;
  teamId: string | null;
  effect: RuleEffect;
  message: string;
  clauses: PolicyClause[];
};
export type PolicyPerson = {
  id: string;
  active: boolean;
  /** when an inactive person left; usage from before then (arriving late) is judged as it was */
  deactivatedAt?: Date | null;
  /** the person's team and every team above it */
  teamIds: string[];
};
/** `archived`: retired from the catalog (kept for history); decided like a blocked tool. */
export type PolicyTool = { id: string; slug: string; name: string; kind: ToolKind; status: ToolStatus; archived?: boolean };
/** `archived`: hidden from pickers; usage that still declares it is judged by its disposition. */
export type PolicyActivity = { id: string; slug: string; name: string; disposition: Disposition; archived?: boolean };
export type PolicyProject = { id: string; key: string; name: string; sensitivity: Sensitivity };
export type PolicyGrant = {
  id: string;
  toolId: string;
  activityId: string;
  /** null: the grant covers any project that is not training-data */
  projectId: string | null;
  validFrom: Date;
  validTo: Date;
  revokedAt: Date | null;
  capOverrideTokens: bigint | number | null;
};
export type CapState = { period: string; limit: number; used: number; reserved: number };
/**
 * The cap counters of the person this period. `external` is the monthly cap (external tools' tokens only);
 * `inHouse` the optional in-house cap; `tool` the optional cap of the tool asked about. The evaluator picks the
 * ones that govern the tool: the in-house assistant is never held to the external cap.
 */
export type CapStates = { external?: CapState | null; inHouse?: CapState | null; tool?: CapState | null };
export type CapKindName = "external" | "in_house" | "tool";

export type PolicyInput = {
  person: PolicyPerson;
  tool: PolicyTool;
  activity: PolicyActivity;
  project: PolicyProject | null;
  at: Date;
  policyVersion: number;
  /** the active version's rules, any order (sorted by position here) */
  rules: PolicyRuleInput[];
  /** the person's grants; expired and revoked ones are ignored here */
  grants: PolicyGrant[];
  caps?: CapStates;
  estimatedTokens?: number;
  /** the in-house assistant, named in over-cap answers as the way to go on */
  inHouseAssistant?: { slug: string; name: string } | null;
};

export type CapResult = CapState & { remaining: number };
export type CapResults = {
  /** the monthly (external-tools) cap, shown on every answer; `applies` says whether it governs this tool */
  external: (CapResult & { applies: boolean }) | null;
  inHouse: (CapResult & { applies: boolean }) | null;
  tool: CapResult | null;
};
export type PolicyDecision = {
  decision: DecisionKind;
  reasons: Reason[];
  rule: { id: string; name: string; policyVersion: number } | null;
  clauses: PolicyClause[];
  grant: { id: string; validTo: Date } | null;
  /** the external (monthly) cap: what the decision API's `cap` shows */
  cap: CapResult | null;
  caps: CapResults;
  /** which cap denied, on an over_cap answer */
  overCap?: CapKindName;
};

export function ruleMatches(rule: PolicyRuleInput, input: Pick<PolicyInput, "person" | "tool" | "activity" | "project">): boolean {
  if (rule.toolId && rule.toolId !== input.tool.id) return false;
  if (rule.toolKind && rule.toolKind !== input.tool.kind) return false;
  if (rule.activityId && rule.activityId !== input.activity.id) return false;
  if (rule.disposition && rule.disposition !== input.activity.disposition) return false;
  if (rule.sensitivity && rule.sensitivity !== input.project?.sensitivity) return false;
  if (rule.teamId && !input.person.teamIds.includes(rule.teamId)) return false;
  return true;
}

export function isPersonActiveAt(person: PolicyPerson, at: Date): boolean {
  return person.active || (!!person.deactivatedAt && at.getTime() < person.deactivatedAt.getTime());
}

/** Live at `at`: inside its window and not yet revoked then (a late event from before a revocation was allowed). */
export function isGrantLive(grant: PolicyGrant, at: Date): boolean {
  return (!grant.revokedAt || at.getTime() < grant.revokedAt.getTime()) && grant.validFrom.getTime() <= at.getTime() && at.getTime() < grant.validTo.getTime();
}

export function findGrant(input: PolicyInput): PolicyGrant | null {
  const live = input.grants.filter(
    (g) =>
      isGrantLive(g, input.at) &&
      g.toolId === input.tool.id &&
      g.activityId === input.activity.id &&
      (g.projectId === null || g.projectId === input.project?.id),
  );
  // Prefer the project-specific grant, then the one that lasts longest.
  live.sort((a, b) => Number(b.projectId !== null) - Number(a.projectId !== null) || b.validTo.getTime() - a.validTo.getTime());
  return live[0] ?? null;
}

/** The rules by position; the snapshot's are already in order, so usually the same array, not a sorted copy. */
function inPositionOrder(rules: PolicyRuleInput[]): PolicyRuleInput[] {
  for (let i = 1; i < rules.length; i++) if (rules[i - 1].position > rules[i].position) return [...rules].sort((a, b) => a.position - b.position);
  return rules;
}

function defaultEffect(activity: PolicyActivity, tool: PolicyTool): RuleEffect {
  if (activity.disposition === "allowed") return "allow";
  if (activity.disposition === "exception_required") return "require_exception";
  return tool.kind === "internal" ? "allow" : "deny";
}

/** The decision for a person using a tool for an activity on a project at a time. */
export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  const { person, tool, activity, project } = input;
  // One pass over the rules in position order: the first match decides; the first matching deny rule (and the
  // first stating the training-data invariant) is what an invariant cites.
  let matched: PolicyRuleInput | null = null;
  let denyRule: PolicyRuleInput | null = null;
  let trainingDataRule: PolicyRuleInput | null = null;
  for (const r of inPositionOrder(input.rules)) {
    if (!ruleMatches(r, input)) continue;
    matched ??= r;
    if (r.effect !== "deny") continue;
    denyRule ??= r;
    if (r.sensitivity === "training_data") trainingDataRule ??= r;
    if (trainingDataRule) break;
  }
  const refOf = (rule: PolicyRuleInput | null) => (rule ? { id: rule.id, name: rule.name, policyVersion: input.policyVersion } : null);
  const ruleRef = refOf(matched);
  const clauses = matched?.clauses ?? [];
  const deny = (code: ReasonCode, message: string, rule: PolicyRuleInput | null = matched): PolicyDecision => ({
    decision: "deny",
    reasons: [{ code, message }],
    rule: refOf(rule),
    clauses: rule?.clauses ?? [],
    grant: null,
    ...capResults(input),
  });
  const external = tool.kind === "external";

  // Invariants that no rule and no grant can override.
  if (!isPersonActiveAt(person, input.at)) return deny("user_inactive", "This person is deactivated and may not use AI tools.", null);
  if (tool.status === "blocked") return deny("tool_blocked", `${tool.name} is blocked by the company.`, null);
  // An archived tool is known (not unknown_tool: the gateway's name is right) but retired: nobody may use it.
  if (tool.archived) return deny("tool_blocked", `${tool.name} was retired from the company's catalog and may not be used.`, null);
  if (external && project?.sensitivity === "training_data") {
    return deny(
      "training_data_project",
      trainingDataRule?.message ?? `${project.name} feeds model training: no external AI tool may touch it, exception or not. Use the in-house assistant.`,
      trainingDataRule ?? denyRule,
    );
  }
  if (external && activity.disposition === "prohibited_external")
    return deny(
      "prohibited_activity",
      denyRule?.message ?? `${activity.name} is prohibited for external AI tools by the vendors' terms. Use the in-house assistant.`,
      denyRule,
    );

  let effect: RuleEffect = matched?.effect ?? defaultEffect(activity, tool);
  let message = matched?.message ?? defaultMessage(effect, tool, activity);
  // A restricted tool needs an exception even for otherwise allowed work.
  if (tool.status === "restricted" && effect === "allow") {
    effect = "require_exception";
    message = `${tool.name} is restricted: every use needs an approved exception.`;
  }

  if (effect === "deny") return deny("prohibited_activity", message);

  let grant: PolicyGrant | null = null;
  let reason: Reason = { code: "allowed_by_policy", message };
  if (effect === "require_exception") {
    grant = findGrant(input);
    if (!grant) {
      return {
        decision: "require_exception",
        reasons: [{ code: "exception_required", message }],
        rule: ruleRef,
        clauses,
        grant: null,
        ...capResults(input),
      };
    }
    reason = { code: "allowed_by_grant", message: `Allowed by an approved exception valid until ${grant.validTo.toISOString().slice(0, 10)}.` };
  }

  const caps = capResults(input, grant?.capOverrideTokens);
  const grantRef = grant ? { id: grant.id, validTo: grant.validTo } : null;
  const allowed: PolicyDecision = { decision: "allow", reasons: [reason], rule: ruleRef, clauses, grant: grantRef, ...caps };
  const over = firstOverCap(caps.caps, input.estimatedTokens ?? 0);
  return over ? denyOverCap(allowed, over, input) : allowed;
}

function withRemaining(cap: CapState, limit = cap.limit): CapResult {
  return { ...cap, limit, remaining: Math.max(0, limit - cap.used - cap.reserved) };
}

/**
 * The caps of an answer. A grant's cap override raises the cap of the tool's own kind (external or in-house) for
 * use under that grant; a per-tool cap is never raised by it.
 */
function capResults(input: PolicyInput, override?: bigint | number | null): { cap: CapResult | null; caps: CapResults } {
  const external = input.tool.kind === "external";
  const raise = (cap: CapState, applies: boolean) => withRemaining(cap, applies && override != null ? Math.max(cap.limit, Number(override)) : cap.limit);
  const ext = input.caps?.external ? { ...raise(input.caps.external, external), applies: external } : null;
  const inHouse = input.caps?.inHouse ? { ...raise(input.caps.inHouse, !external), applies: !external } : null;
  const tool = input.caps?.tool ? withRemaining(input.caps.tool) : null;
  return { cap: ext, caps: { external: ext, inHouse, tool } };
}

/** The first cap that governs this tool and has no room for the estimate: the tool's kind first, then the tool's own. */
function firstOverCap(caps: CapResults, estimatedTokens: number): CapKindName | null {
  if (caps.external?.applies && isOverCap(caps.external, estimatedTokens)) return "external";
  if (caps.inHouse?.applies && isOverCap(caps.inHouse, estimatedTokens)) return "in_house";
  if (caps.tool && isOverCap(caps.tool, estimatedTokens)) return "tool";
  return null;
}

/** Over cap when nothing is left, or when the estimate would not fit in what is left. */
export function isOverCap(cap: CapResult, estimatedTokens: number): boolean {
  return cap.used + cap.reserved >= cap.limit || cap.used + cap.reserved + estimatedTokens > cap.limit;
}

const tokens = (n: number) => n.toLocaleString("en-US");

/** The over_cap wording, one per kind of cap. The external one names the in-house assistant as the way to go on. */
function overCapMessage(kind: CapKindName, cap: CapResult, input: PolicyInput, estimatedTokens: number): string {
  const fits = cap.used + cap.reserved < cap.limit;
  const state = fits
    ? `${tokens(estimatedTokens)} more tokens do not fit: ${tokens(cap.used + cap.reserved)} of ${tokens(cap.limit)} used or reserved`
    : `${tokens(cap.used)} of ${tokens(cap.limit)} tokens used`;
  const assistant = input.inHouseAssistant;
  if (kind === "external") {
    const goOn = assistant
      ? `The in-house assistant (${assistant.name}, "${assistant.slug}") does not count toward this cap: use it to go on`
      : "The in-house assistant does not count toward this cap: use it to go on";
    return `Monthly cap on external AI tools reached (${state} on external tools in ${cap.period}). ${goOn}, or ask for a cap increase.`;
  }
  if (kind === "in_house") {
    return `Monthly cap on the in-house assistant reached (${state} in ${cap.period}); this cap is separate from the external-tools cap. Ask for a cap increase.`;
  }
  const goOn = assistant ? ` Other approved tools and the in-house assistant (${assistant.name}) remain available.` : " Other approved tools remain available.";
  return `Monthly cap on ${input.tool.name} reached (${state} with ${input.tool.name} in ${cap.period}).${goOn}`;
}

/**
 * The over_cap answer for a decision the policy allows: used by the evaluator and by the decision use case when
 * a concurrent reservation took the room this one saw (`kind` is the cap that could not reserve).
 */
export function denyOverCap(allowed: PolicyDecision, kind: CapKindName, input: PolicyInput): PolicyDecision {
  const cap = kind === "external" ? allowed.caps.external : kind === "in_house" ? allowed.caps.inHouse : allowed.caps.tool;
  const message = cap ? overCapMessage(kind, cap, input, input.estimatedTokens ?? 0) : "Monthly token cap reached.";
  return { ...allowed, decision: "deny", reasons: [{ code: "over_cap", message }], clauses: [], overCap: kind };
}

function defaultMessage(effect: RuleEffect, tool: PolicyTool, activity: PolicyActivity): string {
  if (effect === "allow") return `${activity.name} with ${tool.name} is allowed.`;
  if (effect === "require_exception") return `${activity.name} with ${tool.name} needs an approved exception.`;
  return `${activity.name} with ${tool.name} is not allowed.`;
}
