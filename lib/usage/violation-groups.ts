import type { Severity } from "@/lib/generated/prisma/enums";
import type { PolicySnapshot } from "@/lib/policy/policy-snapshot";
import type { ClassifiedEvent } from "./classify-events";
import { violationGroupKey, type ViolationGroup } from "./store-events";

// Violations become review items grouped per person, tool, project and day: one bad session is one item.

const SEVERITY_ORDER: Severity[] = ["low", "medium", "high", "critical"];

const REASON_SEVERITY: Partial<Record<string, Severity>> = {
  training_data_project: "critical",
  prohibited_activity: "high",
  tool_blocked: "high",
  user_inactive: "high",
  exception_required: "medium",
};

function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;
}

export function violationGroups(events: ClassifiedEvent[], snapshot: PolicySnapshot): ViolationGroup[] {
  const groups = new Map<string, ViolationGroup>();
  for (const e of events) {
    if (e.outcome !== "violation") continue;
    const key = violationGroupKey(e);
    let severity: Severity = REASON_SEVERITY[e.reasonCodes[0]] ?? "medium";
    for (const c of e.clauses) severity = maxSeverity(severity, c.severity);
    const existing = groups.get(key);
    if (existing) {
      existing.severity = maxSeverity(existing.severity as Severity, severity);
      for (const c of e.clauses) if (!existing.clauseIds.includes(c.id)) existing.clauseIds.push(c.id);
      continue;
    }
    const activity = snapshot.activitiesById.get(e.activityId)?.name ?? "unknown activity";
    const project = e.projectId ? (snapshot.projectsById.get(e.projectId)?.name ?? "a project") : "no project";
    groups.set(key, {
      groupKey: key,
      severity,
      title: `${e.person.name}: ${e.tool.name} for ${activity} on ${project} (${e.day})`,
      userId: e.person.id,
      toolId: e.tool.id,
      projectId: e.projectId,
      day: e.day,
      clauseIds: e.clauses.map((c) => c.id),
    });
  }
  return [...groups.values()].sort((a, b) => (a.groupKey < b.groupKey ? -1 : 1));
}
