import "server-only";
import type { PolicyInput, PolicyProject } from "./evaluate";
import { findPerson, type DirectoryPerson, type PersonDirectory } from "./person-directory";
import type { PolicySnapshot, SnapshotTool } from "./policy-snapshot";

// The one place names become evaluator input: the decision API, ingestion, the request form and "What's allowed"
// all name a person (id, email or employee id), a tool (slug), an activity (slug) and maybe a project (key).

export type PolicyNames = { user: string; tool: string; activity: string; project?: string | null };

export type UnknownName = { field: "user" | "tool" | "activity" | "project"; message: string };

export type ResolvedNames = {
  person: DirectoryPerson;
  tool: SnapshotTool;
  project: PolicyProject | null;
  /** everything the evaluator needs except the cap counters and the estimate */
  input: PolicyInput;
};

/**
 * Names → the evaluator's input, from the in-memory snapshot. Every unknown name is reported (in the order user,
 * tool, activity, project), so callers can fail closed on the first or list them all.
 */
export function resolvePolicyNames(
  names: PolicyNames,
  state: { snapshot: PolicySnapshot; directory: PersonDirectory },
  at: Date,
): { ok: true; resolved: ResolvedNames } | { ok: false; unknown: UnknownName[] } {
  const { snapshot, directory } = state;
  const who = findPerson(directory, names.user);
  const tool = snapshot.toolsBySlug.get(names.tool);
  const activity = snapshot.activitiesBySlug.get(names.activity);
  const project = names.project ? snapshot.projectsByKey.get(names.project) : null;
  if (!who || !tool || !activity || (names.project && !project)) {
    const unknown: UnknownName[] = [];
    if (!who) unknown.push({ field: "user", message: `unknown user "${names.user}"` });
    if (!tool) unknown.push({ field: "tool", message: `unknown tool "${names.tool}"` });
    if (!activity) unknown.push({ field: "activity", message: `unknown activity "${names.activity}"` });
    if (names.project && !project) unknown.push({ field: "project", message: `unknown project "${names.project}"` });
    return { ok: false, unknown };
  }
  return {
    ok: true,
    resolved: {
      person: who.person,
      tool,
      project: project ?? null,
      input: {
        person: who.person,
        tool,
        activity,
        project: project ?? null,
        at,
        policyVersion: snapshot.policyVersion,
        rules: snapshot.rules,
        grants: who.grants,
        inHouseAssistant: snapshot.inHouseAssistant,
      },
    },
  };
}
