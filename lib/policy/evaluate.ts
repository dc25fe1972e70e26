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
  cap?: CapState | null;
  estimatedTokens?: number;
};

export type CapResult = CapState & { remaining: number };
export type PolicyDecision = {
  decision: DecisionKind;
  reasons: Reason[];
  rule: { id: string; name: string; policyVersion: number } | null;
  clauses: PolicyClause[];
  grant: { id: string; validTo: Date } | null;
  cap: CapResult | null;
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

function defaultEffect(activity: PolicyActivity, tool: PolicyTool): RuleEffect {
  if (activity.disposition === "allowed") return "allow";
  if (activity.disposition === "exception_required") return "require_exception";
  return tool.kind === "internal" ? "allow" : "deny";
}

/** The decision for a person using a tool for an activity on a project at a time. */
export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  const { person, tool, activity, project } = input;
  const rules = [...input.rules].sort((a, b) => a.position - b.position);
  const matchingRules = rules.filter((r) => ruleMatches(r, input));
  const matched = matchingRules[0] ?? null;
  const refOf = (rule: PolicyRuleInput | null) => (rule ? { id: rule.id, name: rule.name, policyVersion: input.policyVersion } : null);
  const ruleRef = refOf(matched);
  const clauses = matched?.clauses ?? [];
  const deny = (code: ReasonCode, message: string, rule: PolicyRuleInput | null = matched): PolicyDecision => ({
    decision: "deny",
    reasons: [{ code, message }],
    rule: refOf(rule),
    clauses: rule?.clauses ?? [],
    grant: null,
    cap: capResult(input.cap),
  });
  const external = tool.kind === "external";
  // An invariant cites the first matching deny rule (the one that states it), never an allow rule that it overrides.
  const denyRule = matchingRules.find((r) => r.effect === "deny") ?? null;

  // Invariants that no rule and no grant can override.
  if (!isPersonActiveAt(person, input.at)) return deny("user_inactive", "This person is deactivated and may not use AI tools.", null);
  if (tool.status === "blocked") return deny("tool_blocked", `${tool.name} is blocked by the company.`, null);
  // An archived tool is known (not unknown_tool: the gateway's name is right) but retired: nobody may use it.
  if (tool.archived) return deny("tool_blocked", `${tool.name} was retired from the company's catalog and may not be used.`, null);
  if (external && project?.sensitivity === "training_data") {
    const stating = matchingRules.find((r) => r.effect === "deny" && r.sensitivity === "training_data") ?? null;
    return deny(
      "training_data_project",
      stating?.message ?? `${project.name} feeds model training: no external AI tool may touch it, exception or not. Use the in-house assistant.`,
      stating ?? denyRule,
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
        cap: capResult(input.cap),
      };
    }
    reason = { code: "allowed_by_grant", message: `Allowed by an approved exception valid until ${grant.validTo.toISOString().slice(0, 10)}.` };
  }

  const cap = capResult(input.cap, grant?.capOverrideTokens);
  if (cap && isOverCap(cap, input.estimatedTokens ?? 0)) {
    return {
      decision: "deny",
      reasons: [{ code: "over_cap", message: `Monthly token cap reached: ${cap.used.toLocaleString("en-US")} of ${cap.limit.toLocaleString("en-US")} tokens used in ${cap.period}.` }],
      rule: ruleRef,
      clauses: [],
      grant: grant ? { id: grant.id, validTo: grant.validTo } : null,
      cap,
    };
  }
  return { decision: "allow", reasons: [reason], rule: ruleRef, clauses, grant: grant ? { id: grant.id, validTo: grant.validTo } : null, cap };
}

function capResult(cap: CapState | null | undefined, override?: bigint | number | null): CapResult | null {
  if (!cap) return null;
  const limit = override != null ? Math.max(cap.limit, Number(override)) : cap.limit;
  return { ...cap, limit, remaining: Math.max(0, limit - cap.used - cap.reserved) };
}

/** Over cap when nothing is left, or when the estimate would not fit in what is left. */
export function isOverCap(cap: CapResult, estimatedTokens: number): boolean {
  return cap.used + cap.reserved >= cap.limit || cap.used + cap.reserved + estimatedTokens > cap.limit;
}

function defaultMessage(effect: RuleEffect, tool: PolicyTool, activity: PolicyActivity): string {
  if (effect === "allow") return `${activity.name} with ${tool.name} is allowed.`;
  if (effect === "require_exception") return `${activity.name} with ${tool.name} needs an approved exception.`;
  return `${activity.name} with ${tool.name} is not allowed.`;
}
