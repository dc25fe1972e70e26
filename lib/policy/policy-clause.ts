import type { PolicyClause } from "./evaluate";

/** What to include with a clause row so it can become a PolicyClause: its terms document's link and vendor. */
export const clauseSource = { termsDocument: { select: { url: true, vendor: { select: { name: true } } } } } as const;

type ClauseRow = Omit<PolicyClause, "vendor" | "url"> & { termsDocument: { url: string; vendor: { name: string } } };

/** A clause as the evaluator and the policy components take it. */
export function toPolicyClause(c: ClauseRow): PolicyClause {
  return { id: c.id, vendor: c.termsDocument.vendor.name, ref: c.ref, summary: c.summary, severity: c.severity, restrictedActivities: c.restrictedActivities, url: c.termsDocument.url };
}
