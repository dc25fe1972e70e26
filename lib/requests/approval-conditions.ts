// Conditions a reviewer may attach when approving: a shorter window inside the requested one, and a
// monthly cap override for the grant. Pure, so the rules are unit-tested.
import { AppError, type FieldError } from "@/lib/errors";

export type ApprovalConditions = { validFrom?: string; validTo?: string; capOverrideTokens?: number };
export type Window = { from: Date; to: Date };

/** Stored on the ApprovalStep (JSON), or null when the reviewer attached none. */
export function conditionsOf(input: { validFrom?: Date; validTo?: Date; capOverrideTokens?: number }): ApprovalConditions | null {
  const c: ApprovalConditions = {};
  if (input.validFrom) c.validFrom = input.validFrom.toISOString();
  if (input.validTo) c.validTo = input.validTo.toISOString();
  if (input.capOverrideTokens) c.capOverrideTokens = input.capOverrideTokens;
  return Object.keys(c).length ? c : null;
}

function readConditions(value: unknown): ApprovalConditions {
  if (!value || typeof value !== "object") return {};
  const v = value as Record<string, unknown>;
  return {
    validFrom: typeof v.validFrom === "string" ? v.validFrom : undefined,
    validTo: typeof v.validTo === "string" ? v.validTo : undefined,
    capOverrideTokens: typeof v.capOverrideTokens === "number" ? v.capOverrideTokens : undefined,
  };
}

/**
 * The grant's terms after every approval so far: the window is the requested one narrowed by each
 * stage's conditions (a later stage can only shorten it further), and the cap override is the latest
 * one given.
 */
export function effectiveTerms(requested: Window, stepConditions: unknown[]): Window & { capOverrideTokens: number | null } {
  let from = requested.from;
  let to = requested.to;
  let cap: number | null = null;
  for (const raw of stepConditions) {
    const c = readConditions(raw);
    if (c.validFrom && new Date(c.validFrom) > from) from = new Date(c.validFrom);
    if (c.validTo && new Date(c.validTo) < to) to = new Date(c.validTo);
    if (c.capOverrideTokens) cap = c.capOverrideTokens;
  }
  return { from, to, capOverrideTokens: cap };
}

/** Refuses conditions that would widen the window or leave nothing of it. */
export function checkConditions(current: Window, cond: { validFrom?: Date; validTo?: Date }, now: Date): void {
  const fields: FieldError[] = [];
  const fmt = (d: Date) => d.toISOString().slice(0, 10);
  if (cond.validFrom && (cond.validFrom < current.from || cond.validFrom >= current.to))
    fields.push({ path: "validFrom", message: `The start must fall inside the window ${fmt(current.from)} – ${fmt(current.to)}.` });
  if (cond.validTo && (cond.validTo > current.to || cond.validTo <= current.from))
    fields.push({ path: "validTo", message: `The end must fall inside the window ${fmt(current.from)} – ${fmt(current.to)}.` });
  if (fields.length) throw new AppError("validation", "Conditions can only shorten the requested window.", 400, fields);
  const to = cond.validTo ?? current.to;
  if (to <= now) throw new AppError("validation", "This window has already ended; the request can only be rejected or left to expire.", 400, cond.validTo ? [{ path: "validTo", message: "The end is in the past." }] : []);
}
