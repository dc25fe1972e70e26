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
  const occurredAt = new Date(event.occurredAt);
  const names = resolvePolicyNames(event, { snapshot, directory }, occurredAt);
  if (!names.ok) return { ok: false, rejected: { index, id: event.id, errors: names.unknown.map((u) => ({ path: u.field, message: u.message })) } };
  const { person, tool, project, input } = names.resolved;
  const costUsd =
    event.costUsd ?? Math.round(event.inputTokens * tool.inputUsdPerMTok + event.outputTokens * tool.outputUsdPerMTok) / 1_000_000;
  if (costUsd > MAX_EVENT_COST_USD) {
    const errors = [{ path: "costUsd", message: `the cost computed from the tool's prices is over ${MAX_EVENT_COST_USD}: send costUsd` }];
    return { ok: false, rejected: { index, id: event.id, errors } };
  }
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

/** Token counts of one person in one period: stored, plus the events evaluated so far. */
type Running = { external: number; inHouse: number; tools: Map<string, number>; stored: CapCounters | undefined };

/**
 * Evaluates events in time order against running cap totals that start from what is stored: the external cap
 * counts external tools' tokens, the in-house cap in-house tools' tokens, a per-tool cap that tool's tokens.
 * The event that crosses a cap is still allowed; the ones after it are over_cap.
 *
 * Returns a function for the requests of a group, called in their order: each request's events are evaluated
 * against the totals as the requests before it left them.
 */
export function eventClassifier(snapshot: PolicySnapshot, directory: PersonDirectory, countersBefore: Map<string, CapCounters>): (events: ResolvedEvent[]) => ClassifiedEvent[] {
  const running = new Map<string, Map<string, Running>>();
  const runningOf = (e: ResolvedEvent): Running => {
    let byPeriod = running.get(e.person.id);
    if (!byPeriod) running.set(e.person.id, (byPeriod = new Map()));
    let r = byPeriod.get(e.period);
    if (!r) {
      const stored = countersBefore.get(counterKey(e.person.id, e.period));
      r = { external: stored?.external.used ?? 0, inHouse: stored?.inHouse.used ?? 0, tools: new Map(), stored };
      byPeriod.set(e.period, r);
    }
    return r;
  };
  // Within a batch the same person, tool, activity and project come back again and again. For active people without
  // grants the answer's outcome, rule and clauses depend only on those and on which caps are reached, so they are
  // asked once per combination (ingestion keeps neither the cap figures nor the wording of the answer).
  const answers = new Map<string, Omit<ClassifiedEvent, keyof ResolvedEvent>>();
  const state = (period: string, limit: number | null | undefined, used: number) => (limit == null ? null : { period, limit, used, reserved: 0 });
  const reached = (limit: number | null | undefined, used: number) => limit != null && used >= limit;

  return (events) => {
    const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    return ordered.map((e) => {
      const tokens = e.input.inputTokens + e.input.outputTokens;
      const r = runningOf(e);
      const external = e.tool.kind === "external";
      const kindUsed = external ? r.external : r.inHouse;
      const toolUsed = r.tools.get(e.tool.id) ?? r.stored?.tools.get(e.tool.id)?.used ?? 0;
      if (external) r.external += tokens;
      else r.inHouse += tokens;
      r.tools.set(e.tool.id, toolUsed + tokens);

      const caps = e.person.caps;
      const kindLimit = external ? caps.external : caps.inHouse;
      const toolLimit = caps.tools.get(e.tool.id);
      const grants = directory.grantsByUser.get(e.person.id) ?? [];
      const key =
        grants.length === 0 && e.person.active
          ? `${e.person.id}|${e.tool.id}|${e.activityId}|${e.projectId}|${e.period}|${reached(kindLimit, kindUsed) ? 1 : 0}${reached(toolLimit, toolUsed) ? 1 : 0}`
          : null;
      let answer = key ? answers.get(key) : undefined;
      if (!answer) {
        answer = toClassification(
          evaluatePolicy({
            person: e.person,
            tool: e.tool,
            activity: snapshot.activitiesById.get(e.activityId)!,
            project: e.projectId ? snapshot.projectsById.get(e.projectId)! : null,
            at: e.occurredAt,
            policyVersion: snapshot.policyVersion,
            rules: snapshot.rules,
            grants,
            caps: {
              external: external ? state(e.period, caps.external, kindUsed) : null,
              inHouse: external ? null : state(e.period, caps.inHouse, kindUsed),
              tool: state(e.period, toolLimit, toolUsed),
            },
            inHouseAssistant: snapshot.inHouseAssistant,
          }),
        );
        if (key) answers.set(key, answer);
      }
      return { ...e, ...answer };
    });
  };
}

function toClassification(result: PolicyDecision): Omit<ClassifiedEvent, keyof ResolvedEvent> {
  const code = result.reasons[0].code;
  const outcome: UsageOutcome =
    result.decision === "allow" ? (code === "allowed_by_grant" ? "allowed_by_grant" : "allowed") : code === "over_cap" ? "over_cap" : "violation";
  return {
    outcome,
    grantId: result.grant?.id ?? null,
    ruleId: result.rule?.id ?? null,
    reasonCodes: result.reasons.map((r) => r.code),
    clauses: outcome === "violation" ? result.clauses : [],
  };
}
