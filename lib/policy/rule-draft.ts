// The policy editor's working copy of a rule, and the conversions to and from what the evaluator reads.
// Pure: used in the browser for the live impact preview.
import type { PolicyClause, PolicyRuleInput } from "./evaluate";

/** Form-shaped: "" means "any". */
export type EditableRule = {
  key: string;
  name: string;
  toolId: string;
  toolKind: string;
  activityId: string;
  disposition: string;
  sensitivity: string;
  teamId: string;
  effect: string;
  message: string;
  clauseIds: string[];
};

export function toEditableRule(rule: PolicyRuleInput): EditableRule {
  return {
    key: rule.id,
    name: rule.name,
    toolId: rule.toolId ?? "",
    toolKind: rule.toolKind ?? "",
    activityId: rule.activityId ?? "",
    disposition: rule.disposition ?? "",
    sensitivity: rule.sensitivity ?? "",
    teamId: rule.teamId ?? "",
    effect: rule.effect,
    message: rule.message,
    clauseIds: rule.clauses.map((c) => c.id),
  };
}

/** What the evaluator would read if this list were saved (unknown effects count as deny: fail closed). */
export function toRuleInputs(rules: EditableRule[], clausesById: Map<string, PolicyClause>): PolicyRuleInput[] {
  const orNull = <T extends string>(v: string) => (v ? (v as T) : null);
  return rules.map((r, i) => ({
    id: `draft-${i + 1}`,
    position: i + 1,
    name: r.name,
    toolId: orNull(r.toolId),
    toolKind: orNull<PolicyRuleInput["toolKind"] & string>(r.toolKind),
    activityId: orNull(r.activityId),
    disposition: orNull<PolicyRuleInput["disposition"] & string>(r.disposition),
    sensitivity: orNull<PolicyRuleInput["sensitivity"] & string>(r.sensitivity),
    teamId: orNull(r.teamId),
    effect: r.effect === "allow" || r.effect === "require_exception" ? r.effect : "deny",
    message: r.message,
    clauses: r.clauseIds.map((id) => clausesById.get(id)).filter((c): c is PolicyClause => !!c),
  }));
}

/** The list as the save action receives it (JSON in one form field). */
export function serializeRules(rules: EditableRule[]): string {
  // The key only tells React which row is which; the position is the index.
  return JSON.stringify(rules, (k, v) => (k === "key" ? undefined : v));
}
