import "server-only";
import { env } from "@/lib/env";
import { capStatesFor } from "@/lib/caps/cap-limit";
import { readCapUsage } from "@/lib/caps/cap-usage";
import { capPeriod } from "@/lib/calendar";
import type { CanIUseQuery } from "@/lib/validation/policy";
import { evaluatePolicy, type PolicyDecision } from "./evaluate";
import { buildPolicyMatrix } from "./policy-matrix";
import { loadPersonContext, loadPolicyState } from "./policy-snapshot";
import { resolvePolicyNames } from "./resolve-policy-names";

export type CanIUseAnswer =
  | { kind: "unknown"; message: string }
  | {
      kind: "answer";
      tool: { slug: string; name: string };
      activity: { slug: string; name: string };
      project: { key: string; name: string } | null;
      decision: PolicyDecision;
      /** where to file an exception when one is needed */
      requestUrl: string | null;
      /** the in-house tool that may do this when the external one may not */
      suggestion: { slug: string; name: string } | null;
    };

/** Everything the "What's allowed" page shows for one person: the matrix for a project and the answer to a question. */
export async function loadAllowedView(personId: string, projectKey: string | undefined, question: Partial<CanIUseQuery>, at = new Date()) {
  const [state, context] = await Promise.all([loadPolicyState(), loadPersonContext(personId)]);
  const { snapshot } = state;
  if (!context) throw new Error(`No directory entry for the signed-in person ${personId}`);
  const tools = [...snapshot.toolsBySlug.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const activities = [...snapshot.activitiesBySlug.values()];
  const projects = [...snapshot.projectsByKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  const project = projectKey ? (snapshot.projectsByKey.get(projectKey) ?? null) : null;
  const base = { person: context.person, grants: context.grants, rules: snapshot.rules, policyVersion: snapshot.policyVersion, at };
  const cells = buildPolicyMatrix({ ...base, tools, activities, project });

  let answer: CanIUseAnswer | null = null;
  if (question.tool && question.activity) {
    const names = resolvePolicyNames({ user: context.person.id, tool: question.tool, activity: question.activity, project: question.project }, { snapshot, directory: state.directory }, at);
    if (!names.ok) {
      const u = names.unknown[0];
      answer = { kind: "unknown", message: `There is no ${u.field} "${question[u.field as "tool" | "activity" | "project"]}" in the catalog.` };
    } else {
      const { input, tool, project: askedProject } = names.resolved;
      const activity = input.activity;
      const period = capPeriod(at, env.COMPANY_TIME_ZONE);
      const counters = await readCapUsage(context.person.id, period);
      const decision = evaluatePolicy({ ...input, grants: context.grants, caps: capStatesFor(context.person.caps, tool.id, period, counters) });
      const params = new URLSearchParams({ tool: tool.slug, activity: activity.slug, ...(askedProject ? { project: askedProject.key } : {}) });
      const denied = decision.decision === "deny" && ["prohibited_activity", "training_data_project", "tool_blocked"].includes(decision.reasons[0].code);
      const internal = denied
        ? tools.find((t) => t.kind === "internal" && evaluatePolicy({ ...base, tool: t, activity, project: askedProject }).decision !== "deny")
        : undefined;
      answer = {
        kind: "answer",
        tool: { slug: tool.slug, name: tool.name },
        activity: { slug: activity.slug, name: activity.name },
        project: askedProject ? { key: askedProject.key, name: askedProject.name } : null,
        decision,
        requestUrl: decision.decision === "require_exception" ? `/requests/new?${params}` : null,
        suggestion: internal ? { slug: internal.slug, name: internal.name } : null,
      };
    }
  }

  return {
    policyVersion: snapshot.policyVersion,
    tools: tools.map((t) => ({ id: t.id, slug: t.slug, name: t.name, vendor: t.vendor, kind: t.kind, status: t.status })),
    activities,
    projects: projects.map((p) => ({ key: p.key, name: p.name, sensitivity: p.sensitivity })),
    project: project ? { key: project.key, name: project.name, sensitivity: project.sensitivity } : null,
    cells,
    answer,
  };
}
export type AllowedView = Awaited<ReturnType<typeof loadAllowedView>>;
