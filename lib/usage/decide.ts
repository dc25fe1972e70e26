import "server-only";
import { env } from "@/lib/env";
import { capPeriod } from "@/lib/caps/period";
import { readCapUsage, reserveTokens, sweepExpiredReservationsSoon } from "@/lib/caps/cap-usage";
import { evaluatePolicy, findGrant, type PolicyDecision, type PolicyInput, type ReasonCode } from "@/lib/policy/evaluate";
import { findPerson } from "@/lib/policy/person-directory";
import { loadPolicyState } from "@/lib/policy/policy-snapshot";
import { AppError } from "@/lib/errors";
import type { DecisionRequest, DecisionResponse } from "@/lib/validation/decision";

// The decision use case: names → records from the in-memory snapshot (fail closed), cap state in one
// small query (or one conditional UPDATE that reserves the estimate), then the one policy evaluator.

export type DecideOptions = { at?: Date; /** reserve estimatedTokens on allow (the API does; previews do not) */ reserve?: boolean };

function failClosed(code: ReasonCode, message: string): DecisionResponse {
  return { decision: "deny", reasons: [{ code, message }], rule: null, clauses: [], grant: null, cap: null, requestUrl: null };
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
  return {
    decision: result.decision,
    reasons: result.reasons.map((r) => ({ code: r.code, message: cite ? citeClauses(r.message, result.clauses) : r.message })),
    rule: result.rule ? { id: result.rule.id, policyVersion: result.rule.policyVersion } : null,
    clauses: result.clauses.map((c) => ({ id: c.id, vendor: c.vendor, ref: c.ref, summary: c.summary })),
    grant: result.grant ? { id: result.grant.id, validTo: result.grant.validTo.toISOString() } : null,
    cap: result.cap ? { period: result.cap.period, limit: result.cap.limit, used: result.cap.used, remaining: result.cap.remaining } : null,
    requestUrl: !needsForm ? null : overCap ? capIncreaseUrl() : exceptionRequestUrl(query),
  };
}

/** Resolves the names of a decision request into the evaluator's input, or the fail-closed answer. */
async function resolveDecisionInput(req: DecisionRequest, at: Date): Promise<{ input: PolicyInput; monthlyCap: number } | DecisionResponse> {
  let state = await loadPolicyState();
  let who = findPerson(state.directory, req.user);
  if (!who) {
    // Someone added a moment ago: look once more with a fresh probe before failing closed.
    state = await loadPolicyState({ fresh: true });
    who = findPerson(state.directory, req.user);
  }
  const { snapshot } = state;
  if (!who) return failClosed("unknown_user", `No person "${req.user}" in the directory: access is denied.`);
  const tool = snapshot.toolsBySlug.get(req.tool);
  if (!tool) return failClosed("unknown_tool", `No tool "${req.tool}" in the catalog: access is denied.`);
  const activity = snapshot.activitiesBySlug.get(req.activity);
  if (!activity) {
    throw new AppError("validation_failed", "The request has invalid fields.", 400, [
      { path: "activity", message: `unknown activity; one of ${[...snapshot.activitiesBySlug.keys()].join(", ")}` },
    ]);
  }
  const project = req.project ? snapshot.projectsByKey.get(req.project) : null;
  if (req.project && !project) return failClosed("unknown_project", `No project "${req.project}" in the catalog: access is denied.`);
  const input: PolicyInput = {
    person: who.person,
    tool,
    activity,
    project: project ?? null,
    at,
    policyVersion: snapshot.policyVersion,
    rules: snapshot.rules,
    grants: who.grants,
  };
  return { input, monthlyCap: who.person.monthlyCap };
}

/**
 * May this person use this tool for this activity on this project now? Fails closed on unknown names.
 * With estimatedTokens and `reserve`, an allow reserves the estimate against the monthly cap.
 */
export async function decide(req: DecisionRequest, options: DecideOptions = {}): Promise<DecisionResponse> {
  const at = options.at ?? new Date();
  sweepExpiredReservationsSoon();
  const resolved = await resolveDecisionInput(req, at);
  if ("decision" in resolved) return resolved;
  const { input, monthlyCap: limit } = resolved;
  const query = { tool: req.tool, activity: req.activity, project: req.project };
  const period = capPeriod(at, env.COMPANY_TIME_ZONE);
  const estimatedTokens = req.estimatedTokens ?? 0;

  // Policy first, without the cap: only an allow needs the cap state to be decided.
  const policy = evaluatePolicy(input);
  if (policy.decision !== "allow" || !options.reserve || estimatedTokens <= 0) {
    const usage = await readCapUsage(input.person.id, period);
    return toDecisionResponse(evaluatePolicy({ ...input, cap: { period, limit, ...usage }, estimatedTokens }), query);
  }

  const grant = findGrant(input);
  const override = grant?.capOverrideTokens != null ? Number(grant.capOverrideTokens) : null;
  const effectiveLimit = override != null ? Math.max(limit, override) : limit;
  // A concurrent reservation can make the statement's snapshot disagree with its UPDATE: then ask again.
  for (let attempt = 0; ; attempt++) {
    const { reservationId, before } = await reserveTokens({ userId: input.person.id, toolId: input.tool.id, period, tokens: estimatedTokens, limit: effectiveLimit });
    const result = evaluatePolicy({ ...input, cap: { period, limit, ...before }, estimatedTokens });
    if (reservationId) {
      // The answer shows what is left after this reservation.
      if (result.cap) {
        result.cap.reserved += estimatedTokens;
        result.cap.remaining = Math.max(0, result.cap.remaining - estimatedTokens);
      }
      return toDecisionResponse(result, query);
    }
    if (result.decision !== "allow") return toDecisionResponse(result, query);
    if (attempt >= 5) {
      const cap = result.cap!;
      return toDecisionResponse(
        {
          ...result,
          decision: "deny",
          reasons: [{ code: "over_cap", message: `Monthly token cap reached: ${estimatedTokens.toLocaleString("en-US")} more tokens do not fit in ${cap.period}.` }],
          clauses: [],
        },
        query,
      );
    }
  }
}
