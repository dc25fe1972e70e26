import "server-only";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/calendar";
import { emptyCounters, readCapUsage, readCapUsageForDecision, reserveTokens, sweepExpiredReservationsSoon, type CapCounters } from "@/lib/caps/cap-usage";
import { capStatesFor, reservationLimits } from "@/lib/caps/cap-limit";
import { denyOverCap, evaluatePolicy, type PolicyDecision, type ReasonCode } from "@/lib/policy/evaluate";
import { loadPolicyStateFor } from "@/lib/policy/policy-snapshot";
import { resolvePolicyNames, type ResolvedNames } from "@/lib/policy/resolve-policy-names";
import { AppError } from "@/lib/errors";
import type { DecisionRequest, DecisionResponse } from "@/lib/validation/decision";

// The decision use case: names → records from the in-memory snapshot (fail closed), cap state in one
// small query (or one conditional UPDATE that reserves the estimate), then the one policy evaluator.

export type DecideOptions = { at?: Date; /** reserve estimatedTokens on allow (the API does; previews do not) */ reserve?: boolean };

export function failClosed(code: ReasonCode, message: string): DecisionResponse {
  return { decision: "deny", reasons: [{ code, message }], rule: null, clauses: [], grant: null, cap: null, inHouseCap: null, toolCap: null, requestUrl: null };
}

export function exceptionRequestUrl(q: { tool: string; activity: string; project?: string | null }): string {
  const params = new URLSearchParams({ tool: q.tool, activity: q.activity });
  if (q.project) params.set("project", q.project);
  return `${env.publicUrl}/requests/new?${params.toString()}`;
}

/** Where an over-cap person asks for a higher cap: their usage page, with the request form opened. */
export function capIncreaseUrl(): string {
  return `${env.publicUrl}/usage?capIncrease=1#cap-increase`;
}

/** Deny and exception messages end with the clauses that justify them. */
function citeClauses(message: string, clauses: PolicyDecision["clauses"]): string {
  const missing = clauses.filter((c) => !message.includes(c.ref));
  if (!missing.length) return message;
  return `${message} (See ${missing.map((c) => `${c.vendor} ${c.ref}`).join("; ")}.)`;
}

export function toDecisionResponse(result: PolicyDecision, query: { tool: string; activity: string; project?: string | null }): DecisionResponse {
  const overCap = result.reasons.some((r) => r.code === "over_cap");
  const needsForm = result.decision === "require_exception" || (result.decision === "deny" && overCap);
  const cite = result.decision !== "allow";
  const { external, inHouse, tool } = result.caps;
  return {
    decision: result.decision,
    reasons: result.reasons.map((r) => ({ code: r.code, message: cite ? citeClauses(r.message, result.clauses) : r.message })),
    rule: result.rule ? { id: result.rule.id, policyVersion: result.rule.policyVersion } : null,
    clauses: result.clauses.map((c) => ({ id: c.id, vendor: c.vendor, ref: c.ref, summary: c.summary })),
    grant: result.grant ? { id: result.grant.id, validTo: result.grant.validTo.toISOString() } : null,
    cap: external
      ? { period: external.period, limit: external.limit, used: external.used, remaining: external.remaining, counts: "external_tools" as const, applies: external.applies }
      : null,
    inHouseCap: inHouse ? { period: inHouse.period, limit: inHouse.limit, used: inHouse.used, remaining: inHouse.remaining, applies: inHouse.applies } : null,
    toolCap: tool ? { tool: query.tool, period: tool.period, limit: tool.limit, used: tool.used, remaining: tool.remaining } : null,
    requestUrl: !needsForm ? null : overCap ? capIncreaseUrl() : exceptionRequestUrl(query),
  };
}

/** Resolves the names of a decision request into the evaluator's input, or the fail-closed answer. */
async function resolveDecisionInput(req: DecisionRequest, at: Date): Promise<ResolvedNames | DecisionResponse> {
  const state = await loadPolicyStateFor([req.user]);
  const names = resolvePolicyNames(req, state, at);
  if (names.ok) return names.resolved;
  const first = names.unknown[0];
  if (first.field === "user") return failClosed("unknown_user", `No person "${req.user}" in the directory: access is denied.`);
  if (first.field === "tool") return failClosed("unknown_tool", `No tool "${req.tool}" in the catalog: access is denied.`);
  if (first.field === "activity") {
    throw new AppError("validation_failed", "The request has invalid fields.", 400, [
      { path: "activity", message: `unknown activity; one of ${[...state.snapshot.activitiesBySlug.keys()].join(", ")}` },
    ]);
  }
  return failClosed("unknown_project", `No project "${req.project}" in the catalog: access is denied.`);
}

/**
 * May this person use this tool for this activity on this project now? Fails closed on unknown names.
 * With estimatedTokens and `reserve`, an allow reserves the estimate against every cap that governs the tool
 * (the external cap for external tools; the in-house cap, where set, for in-house tools; the tool's own cap).
 */
export async function decide(req: DecisionRequest, options: DecideOptions = {}): Promise<DecisionResponse> {
  const at = options.at ?? new Date();
  sweepExpiredReservationsSoon();
  const resolved = await resolveDecisionInput(req, at);
  if ("decision" in resolved) return resolved;
  const { input, person } = resolved;
  const query = { tool: req.tool, activity: req.activity, project: req.project };
  const period = capPeriod(at, env.COMPANY_TIME_ZONE);
  const estimatedTokens = req.estimatedTokens ?? 0;
  const evaluateWith = (counters: CapCounters) => evaluatePolicy({ ...input, caps: capStatesFor(person.caps, input.tool.id, period, counters), estimatedTokens });

  const answerWithCounters = async () => toDecisionResponse(evaluateWith(await readCapUsageForDecision(person.id, period)), query);
  if (!options.reserve || estimatedTokens <= 0) return answerWithCounters();
  // Policy first, with empty counters: only an allow needs a reservation, and its caps' limits say where.
  const policy = evaluateWith(emptyCounters());
  const limits = policy.decision === "allow" ? reservationLimits(policy.caps, input.tool.id) : [];
  if (policy.decision !== "allow" || !limits.length) return answerWithCounters();

  // Only the external cap (the common case): the reservation statement returns its counter. Otherwise the
  // counters not reserved in (e.g. the external one shown on an in-house answer) are read alongside.
  const onlyExternal = limits.length === 1 && limits[0].bucket === "external";
  // A concurrent reservation can make the statement's snapshot disagree with its UPDATE: then ask again.
  for (let attempt = 0; ; attempt++) {
    const [{ reservationId, before, full }, read] = await Promise.all([
      reserveTokens({ userId: person.id, toolId: input.tool.id, period, tokens: estimatedTokens, limits }),
      onlyExternal ? null : readCapUsage(person.id, period),
    ]);
    const counters = read ?? emptyCounters();
    const toolBucket = `tool:${input.tool.id}` as const;
    counters.external = before.get("external") ?? counters.external;
    counters.inHouse = before.get("in_house") ?? counters.inHouse;
    const toolCounter = before.get(toolBucket);
    if (toolCounter) counters.tools.set(input.tool.id, toolCounter);
    const result = evaluateWith(counters);
    if (reservationId) {
      // The answer shows what is left after this reservation.
      const { external, inHouse, tool } = result.caps;
      for (const [cap, bucket] of [[external, "external"], [inHouse, "in_house"], [tool, toolBucket]] as const) {
        if (!cap || !before.has(bucket)) continue;
        cap.reserved += estimatedTokens;
        cap.remaining = Math.max(0, cap.remaining - estimatedTokens);
      }
      return toDecisionResponse(result, query);
    }
    if (result.decision !== "allow") return toDecisionResponse(result, query);
    if (attempt >= 5) return toDecisionResponse(denyOverCap(result, full === "external" || full === "in_house" ? full : "tool", { ...input, estimatedTokens }), query);
  }
}
