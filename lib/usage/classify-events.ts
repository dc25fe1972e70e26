import "server-only";
import { localDay } from "@/lib/calendar";
import { evaluatePolicy, type PolicyClause, type PolicyDecision, type ReasonCode } from "@/lib/policy/evaluate";
import type { DirectoryPerson, PersonDirectory } from "@/lib/policy/person-directory";
import { resolvePolicyNames } from "@/lib/policy/resolve-policy-names";
import type { PolicySnapshot, SnapshotTool } from "@/lib/policy/policy-snapshot";
import type { FieldError } from "@/lib/errors";
import { CheckedLine, checkUsageEvent, MAX_EVENT_COST_USD, UnparsableLine, type UsageEventInput } from "@/lib/validation/usage-event";
import type { UsageOutcome } from "@/lib/generated/prisma/enums";
import { counterKey, type CapCounters } from "@/lib/caps/cap-usage";

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
  // An event the OTLP receiver already checked (checkUsageEvent) is not checked a second time.
  if (raw instanceof CheckedLine) return { ok: true, event: raw.event };
  const checked = checkUsageEvent(raw);
  if (checked.ok) return { ok: true, event: checked.event };
  return { ok: false, rejected: { index, id: idOf(raw), errors: checked.errors } };
}

/** Names to records; every unknown name is a field error on the line. */
export function resolveEvent(
  event: UsageEventInput,
  index: number,
  snapshot: PolicySnapshot,
  directory: PersonDirectory,
  timeZone: string,
): { ok: true; event: ResolvedEvent } | { ok: false; rejected: Rejected } {
  const names = resolvePolicyNames(event, { snapshot, directory }, new Date(event.occurredAt));
  if (!names.ok) return { ok: false, rejected: { index, id: event.id, errors: names.unknown.map((u) => ({ path: u.field, message: u.message })) } };
  const { person, tool, project, input } = names.resolved;
  const costUsd =
    event.costUsd ?? Math.round(event.inputTokens * tool.inputUsdPerMTok + event.outputTokens * tool.outputUsdPerMTok) / 1_000_000;
  if (costUsd > MAX_EVENT_COST_USD) {
    const errors = [{ path: "costUsd", message: `the cost computed from the tool's prices is over ${MAX_EVENT_COST_USD}: send costUsd` }];
    return { ok: false, rejected: { index, id: event.id, errors } };
  }
  const occurredAt = new Date(event.occurredAt);
  const day = localDay(occurredAt, timeZone);
  return {
    ok: true,
    event: {
      index,
      input: event,
      occurredAt,
      person: person as DirectoryPerson,
      tool,
      activityId: input.activity.id,
      projectId: project?.id ?? null,
      day,
      period: day.slice(0, 7),
      costUsd,
    },
  };
}

/**
 * Evaluates events in time order against running cap totals that start from what is stored: the external cap
 * counts external tools' tokens, the in-house cap in-house tools' tokens, a per-tool cap that tool's tokens.
 * The event that crosses a cap is still allowed; the ones after it are over_cap.
 */
export function classifyEvents(events: ResolvedEvent[], snapshot: PolicySnapshot, directory: PersonDirectory, countersBefore: Map<string, CapCounters>): ClassifiedEvent[] {
  const running = new Map<string, number>();
  const usedOf = (e: ResolvedEvent, bucket: string) => {
    const key = `${counterKey(e.person.id, e.period)}|${bucket}`;
    let used = running.get(key);
    if (used === undefined) {
      const stored = countersBefore.get(counterKey(e.person.id, e.period));
      used = bucket === "external" ? (stored?.external.used ?? 0) : bucket === "in_house" ? (stored?.inHouse.used ?? 0) : (stored?.tools.get(bucket.slice(5))?.used ?? 0);
    }
    return { key, used };
  };
  // Within a batch the same person, tool, activity and project come back again and again. For active
  // people without grants the answer depends only on those and on whether a cap is reached, so the
  // evaluator's answer below every cap is reused; at or over a cap it is asked again every time.
  const belowCap = new Map<string, PolicyDecision>();
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return ordered.map((e) => {
    const tokens = e.input.inputTokens + e.input.outputTokens;
    const kind = usedOf(e, e.tool.kind === "external" ? "external" : "in_house");
    const tool = usedOf(e, `tool:${e.tool.id}`);
    running.set(kind.key, kind.used + tokens);
    running.set(tool.key, tool.used + tokens);
    const caps = e.person.caps;
    const state = (limit: number | null | undefined, used: number) => (limit == null ? null : { period: e.period, limit, used, reserved: 0 });
    const external = e.tool.kind === "external";
    const capStates = {
      external: external ? state(caps.external, kind.used) : null,
      inHouse: external ? null : state(caps.inHouse, kind.used),
      tool: state(caps.tools.get(e.tool.id), tool.used),
    };
    const below = [capStates.external, capStates.inHouse, capStates.tool].every((c) => !c || c.used < c.limit);
    const grants = directory.grantsByUser.get(e.person.id) ?? [];
    const memoKey = grants.length === 0 && e.person.active && below ? `${e.person.id}|${e.tool.id}|${e.activityId}|${e.projectId}|${e.period}` : null;
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
        caps: capStates,
        inHouseAssistant: snapshot.inHouseAssistant,
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
