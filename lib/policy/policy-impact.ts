// Which open requests and live grants a rule change decides differently. Pure, so the policy editor can
// preview the impact in the browser while rules are edited, and the server can state it after saving.
import { evaluatePolicy, type DecisionKind, type PolicyActivity, type PolicyGrant, type PolicyPerson, type PolicyProject, type PolicyRuleInput, type PolicyTool, type ReasonCode } from "./evaluate";

export type ImpactCatalog = {
  toolsById: Record<string, PolicyTool>;
  activitiesById: Record<string, PolicyActivity>;
  projectsById: Record<string, PolicyProject>;
};

export type ImpactCase = {
  kind: "request" | "grant";
  id: string;
  personName: string;
  person: PolicyPerson;
  toolId: string;
  activityId: string;
  projectId: string | null;
  /** request status, or "live" for a grant */
  status: string;
  /** when to evaluate: now, or a grant's start when it has not started yet */
  at: Date;
  /** the grant itself (a request is evaluated without grants: does it still need an exception?) */
  grant: PolicyGrant | null;
};

export type ImpactOutcome = { decision: DecisionKind; reason: ReasonCode; ruleName: string | null };
export type ImpactRow = { case: ImpactCase; before: ImpactOutcome; after: ImpactOutcome };
export type RuleSet = { version: number; rules: PolicyRuleInput[] };

function outcomeOf(c: ImpactCase, catalog: ImpactCatalog, ruleSet: RuleSet): ImpactOutcome | null {
  const tool = catalog.toolsById[c.toolId];
  const activity = catalog.activitiesById[c.activityId];
  const project = c.projectId ? catalog.projectsById[c.projectId] : null;
  if (!tool || !activity || project === undefined) return null;
  const result = evaluatePolicy({
    person: c.person,
    tool,
    activity,
    project,
    at: c.at,
    policyVersion: ruleSet.version,
    rules: ruleSet.rules,
    grants: c.grant ? [c.grant] : [],
  });
  return { decision: result.decision, reason: result.reasons[0].code, ruleName: result.rule?.name ?? null };
}

/** The cases whose decision or reason differs between two rule sets (a different rule with the same outcome is no impact). */
export function computePolicyImpact(cases: ImpactCase[], catalog: ImpactCatalog, before: RuleSet, after: RuleSet): ImpactRow[] {
  const rows: ImpactRow[] = [];
  for (const c of cases) {
    const b = outcomeOf(c, catalog, before);
    const a = outcomeOf(c, catalog, after);
    if (!b || !a) continue;
    if (b.decision !== a.decision || b.reason !== a.reason) rows.push({ case: c, before: b, after: a });
  }
  return rows;
}
