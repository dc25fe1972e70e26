import "server-only";
import { localDayFast } from "@/lib/caps/period";
import { evaluatePolicy, type PolicyClause, type PolicyDecision, type ReasonCode } from "@/lib/policy/evaluate";
import { findPerson, type DirectoryPerson, type PersonDirectory } from "@/lib/policy/person-directory";
import type { PolicySnapshot, SnapshotTool } from "@/lib/policy/policy-snapshot";
import type { FieldError } from "@/lib/errors";
import { MAX_EVENT_COST_USD, usageEventSchema, UnparsableLine, type UsageEventInput } from "@/lib/validation/usage-event";
import type { UsageOutcome } from "@/lib/generated/prisma/enums";

// Pure steps of ingestion: validate a line, resolve its names, and evaluate it with the one policy evaluator.

export type Rejected = { index: number; id: string | null; errors: FieldError[] };

export type ResolvedEvent = {
  index: number;
  input: UsageEventInput;
  occurredAt: Date;
  person: DirectoryPerson;
  tool: SnapshotTool;
  activityId: string;
  projectId: string | null;
  day: string;
  period: string;
  costUsd: number;
};

export type ClassifiedEvent = ResolvedEvent & {
  outcome: UsageOutcome;
  grantId: string | null;
  ruleId: string | null;
  reasonCodes: ReasonCode[];
  clauses: PolicyClause[];
  message: string;
};

function idOf(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return String(id);
  }
  return null;
}

export function validateLine(raw: unknown, index: number): { ok: true; event: UsageEventInput } | { ok: false; rejected: Rejected } {
  if (raw instanceof UnparsableLine) return { ok: false, rejected: { index, id: null, errors: [{ path: "(line)", message: raw.message }] } };
  const parsed = usageEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(event)", message: i.message }));
  return { ok: false, rejected: { index, id: idOf(raw), errors } };
}

export function unknownUsers(events: UsageEventInput[], directory: PersonDirectory): boolean {
  return events.some((e) => !findPerson(directory, e.user));
}

/** Names to records; every unknown name is a field error on the line. */
export function resolveEvent(
  event: UsageEventInput,
  index: number,
  snapshot: PolicySnapshot,
  directory: PersonDirectory,
  timeZone: string,
): { ok: true; event: ResolvedEvent } | { ok: false; rejected: Rejected } {
  const errors: FieldError[] = [];
  const who = findPerson(directory, event.user);
  if (!who) errors.push({ path: "user", message: `unknown user "${event.user}"` });
  const tool = snapshot.toolsBySlug.get(event.tool);
  if (!tool) errors.push({ path: "tool", message: `unknown tool "${event.tool}"` });
  const activity = snapshot.activitiesBySlug.get(event.activity);
  if (!activity) errors.push({ path: "activity", message: `unknown activity "${event.activity}"` });
  const project = event.project ? snapshot.projectsByKey.get(event.project) : null;
  if (event.project && !project) errors.push({ path: "project", message: `unknown project "${event.project}"` });
  const costUsd = tool
    ? (event.costUsd ?? Math.round(event.inputTokens * tool.inputUsdPerMTok + event.outputTokens * tool.outputUsdPerMTok) / 1_000_000)
    : 0;
  if (costUsd > MAX_EVENT_COST_USD) {
    errors.push({ path: "costUsd", message: `the cost computed from the tool's prices is over ${MAX_EVENT_COST_USD}: send costUsd` });
  }
  if (errors.length || !who || !tool || !activity) return { ok: false, rejected: { index, id: event.id, errors } };
  const occurredAt = new Date(event.occurredAt);
  const day = localDayFast(occurredAt, timeZone);
  return {
    ok: true,
    event: {
      index,
      input: event,
      occurredAt,
      person: who.person,
      tool,
      activityId: activity.id,
      projectId: project?.id ?? null,
      day,
      period: day.slice(0, 7),
      costUsd,
    },
  };
}

export function capKey(userId: string, period: string) {
  return `${userId}|${period}`;
}

/**
 * Evaluates events in time order against a running cap total that starts from what is stored.
 * The event that crosses the cap is still allowed; the ones after it are over_cap.
 */
export function classifyEvents(events: ResolvedEvent[], snapshot: PolicySnapshot, directory: PersonDirectory, usedBefore: Map<string, number>): ClassifiedEvent[] {
  const running = new Map(usedBefore);
  // Within a batch the same person, tool, activity and project come back again and again. For active
  // people without grants the answer depends only on those and on whether the cap is reached, so the
  // evaluator's answer below the cap is reused; at or over the cap it is asked again every time.
  const belowCap = new Map<string, PolicyDecision>();
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return ordered.map((e) => {
    const key = capKey(e.person.id, e.period);
    const used = running.get(key) ?? 0;
    running.set(key, used + e.input.inputTokens + e.input.outputTokens);
    const grants = directory.grantsByUser.get(e.person.id) ?? [];
    const memoKey = grants.length === 0 && e.person.active && used < e.person.monthlyCap ? `${e.person.id}|${e.tool.id}|${e.activityId}|${e.projectId}|${e.period}` : null;
    let result = memoKey ? belowCap.get(memoKey) : undefined;
    if (!result) {
      result = evaluatePolicy({
        person: e.person,
        tool: e.tool,
        activity: snapshot.activitiesById.get(e.activityId)!,
        project: e.projectId ? snapshot.projectsById.get(e.projectId)! : null,
        at: e.occurredAt,
        policyVersion: snapshot.policyVersion,
        rules: snapshot.rules,
        grants,
        cap: { period: e.period, limit: e.person.monthlyCap, used, reserved: 0 },
      });
      if (memoKey) belowCap.set(memoKey, result);
    }
    const reason = result.reasons[0];
    const outcome: UsageOutcome =
      result.decision === "allow"
        ? reason.code === "allowed_by_grant"
          ? "allowed_by_grant"
          : "allowed"
        : reason.code === "over_cap"
          ? "over_cap"
          : "violation";
    return {
      ...e,
      outcome,
      grantId: result.grant?.id ?? null,
      ruleId: result.rule?.id ?? null,
      reasonCodes: result.reasons.map((r) => r.code),
      clauses: outcome === "violation" ? result.clauses : [],
      message: reason.message,
    };
  });
}
