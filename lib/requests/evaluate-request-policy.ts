import "server-only";
import { evaluatePolicy, type PolicyClause, type PolicyDecision, type PolicyGrant, type ReasonCode } from "@/lib/policy/evaluate";
import { loadPersonContext, loadPolicyState, type SnapshotTool } from "@/lib/policy/policy-snapshot";
import { resolvePolicyNames } from "@/lib/policy/resolve-policy-names";
import type { PolicyActivity, PolicyProject } from "@/lib/policy/evaluate";
import { requiresLegalReview } from "./requires-legal";

export type RequestSubject = { tool: string; activity: string; project?: string };

/** What the policy says about a request before it is filed: the form's preview and submission both use it. */
export type RequestPolicyAnswer =
  | { kind: "unknown"; field: "tool" | "activity" | "project" | "person"; message: string }
  | {
      kind: "answer";
      decision: PolicyDecision;
      policyVersion: number;
      tool: SnapshotTool;
      activity: PolicyActivity;
      project: PolicyProject | null;
      requiresLegal: boolean;
      /** a live grant the person already holds for exactly this */
      existingGrant: PolicyGrant | null;
      /** the in-house tool to point to when an external one is refused */
      internalTool: { slug: string; name: string } | null;
    };

/**
 * Evaluates tool × activity × project for a person with the one policy evaluator, leaving grants out:
 * the question a request asks is "what does policy say", not "what may I do today".
 */
export async function evaluateRequestPolicy(userId: string, subject: RequestSubject, at = new Date()): Promise<RequestPolicyAnswer> {
  const [state, context] = await Promise.all([loadPolicyState(), loadPersonContext(userId)]);
  const { snapshot } = state;
  if (!context) return { kind: "unknown", field: "person", message: "Your account is not in the directory." };
  const names = resolvePolicyNames({ user: context.person.id, ...subject }, state, at);
  if (!names.ok) {
    const u = names.unknown.find((n) => n.field !== "user")!;
    const field = u.field as "tool" | "activity" | "project";
    return { kind: "unknown", field, message: `Unknown ${field} "${subject[field]}".` };
  }
  const { input, tool, project } = names.resolved;
  const activity = input.activity;
  // Grants and caps are left out: the question is what policy says.
  const decision = evaluatePolicy({ ...input, grants: [] });
  const existingGrant =
    context.grants.find(
      (g) => !g.revokedAt && g.validTo > at && g.toolId === tool.id && g.activityId === activity.id && g.projectId === (project?.id ?? null),
    ) ?? null;
  const internal = [...snapshot.toolsBySlug.values()].find((t) => t.kind === "internal" && t.status !== "blocked") ?? null;
  return {
    kind: "answer",
    decision,
    policyVersion: snapshot.policyVersion,
    tool,
    activity,
    project,
    requiresLegal: decision.decision === "require_exception" && requiresLegalReview(activity.slug, decision.clauses),
    existingGrant,
    internalTool: internal ? { slug: internal.slug, name: internal.name } : null,
  };
}

/** "Anthropic Commercial Terms §D.4" for each clause. */
export function citeClauses(clauses: Pick<PolicyClause, "vendor" | "ref">[]): string {
  return clauses.map((c) => `${c.vendor} ${c.ref}`).join("; ");
}

/** Which form field a refusal belongs to. */
export function fieldForReason(code: ReasonCode | undefined): "tool" | "activity" | "project" {
  if (code === "tool_blocked") return "tool";
  if (code === "training_data_project") return "project";
  return "activity";
}
