// The "What's allowed" matrix: every tool × activity evaluated for one person on one project (or none).
// Pure: the page loads the snapshot and the person, this decides nothing itself beyond calling evaluatePolicy.
import { evaluatePolicy, type DecisionKind, type PolicyActivity, type PolicyClause, type PolicyGrant, type PolicyPerson, type PolicyProject, type PolicyRuleInput, type PolicyTool, type ReasonCode } from "./evaluate";

export type MatrixCell = {
  decision: DecisionKind;
  reason: ReasonCode;
  message: string;
  ruleName: string | null;
  clauses: PolicyClause[];
  /** set when the person's own grant is what allows it */
  grantValidTo: string | null;
};

export type MatrixInput = {
  tools: PolicyTool[];
  activities: PolicyActivity[];
  project: PolicyProject | null;
  person: PolicyPerson;
  grants: PolicyGrant[];
  rules: PolicyRuleInput[];
  policyVersion: number;
  at: Date;
};

export const cellKey = (toolId: string, activityId: string) => `${toolId}:${activityId}`;

export function buildPolicyMatrix(input: MatrixInput): Record<string, MatrixCell> {
  const cells: Record<string, MatrixCell> = {};
  for (const tool of input.tools) {
    for (const activity of input.activities) {
      const d = evaluatePolicy({ ...input, tool, activity });
      cells[cellKey(tool.id, activity.id)] = {
        decision: d.decision,
        reason: d.reasons[0].code,
        message: d.reasons[0].message,
        ruleName: d.rule?.name ?? null,
        clauses: d.clauses,
        grantValidTo: d.grant ? d.grant.validTo.toISOString() : null,
      };
    }
  }
  return cells;
}
