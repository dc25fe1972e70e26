// When a request goes on to legal after the manager: a clause the deciding rule cites restricts the
// very activity asked for, or the clause is serious enough (high or critical) to need a lawyer's eye.
import type { PolicyClause } from "@/lib/policy/evaluate";

export type LegalClause = Pick<PolicyClause, "restrictedActivities" | "severity">;

export function requiresLegalReview(activitySlug: string, clauses: LegalClause[]): boolean {
  return clauses.some((c) => c.restrictedActivities.includes(activitySlug) || c.severity === "high" || c.severity === "critical");
}
