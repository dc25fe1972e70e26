import { z } from "zod";
import { AppError, zodFieldErrors } from "../errors";
import { freeText, optionalFreeText, storableText } from "./text";
import { Disposition, RuleEffect, Sensitivity, ToolKind } from "../generated/prisma/enums";

// "" from a select means "any": stored as null.
const anyOr = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), schema.nullable());

/** One rule as the editor sends it; its position is its place in the list. */
export const ruleDraftSchema = z.object({
  name: freeText({ min: 2, max: 120, required: "Name the rule (at least 2 characters).", tooShort: "Name the rule (at least 2 characters).", tooLong: "At most 120 characters." }),
  toolId: anyOr(z.string().min(1)),
  toolKind: anyOr(z.enum(ToolKind, "Choose a tool kind or any.")),
  activityId: anyOr(z.string().min(1)),
  disposition: anyOr(z.enum(Disposition, "Choose a disposition or any.")),
  sensitivity: anyOr(z.enum(Sensitivity, "Choose a sensitivity or any.")),
  teamId: anyOr(z.string().min(1)),
  effect: z.enum(RuleEffect, "Choose allow, require exception or deny."),
  message: freeText({
    min: 5,
    max: 500,
    required: "Write the message people see (at least 5 characters).",
    tooShort: "Write the message people see (at least 5 characters).",
    tooLong: "At most 500 characters.",
  }),
  clauseIds: z.array(z.string().min(1)).max(20, "Cite at most 20 clauses.").default([]),
});
export type RuleDraft = z.infer<typeof ruleDraftSchema>;

export const ruleSetSchema = z.array(ruleDraftSchema).min(1, "A policy needs at least one rule.").max(200, "At most 200 rules.");

/** The policy editor's form: the rule list travels as JSON in one field. */
export const savePolicySchema = z.object({
  baseVersion: z.coerce.number().int().min(0),
  note: optionalFreeText({ max: 300, tooLong: "At most 300 characters." }).transform((v) => v ?? null),
  rules: z.string().min(2, "The rule list is missing."),
});

/** Parses the editor's rule list; errors name the rule, e.g. "rules.2.message". */
export function parseRuleSet(json: string): RuleDraft[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError("validation", "The rule list could not be read. Reload the page and try again.", 400, [{ path: "rules", message: "Not valid JSON." }]);
  }
  const parsed = ruleSetSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error.issues).map((f) => ({ ...f, path: f.path === "(body)" ? "rules" : `rules.${f.path}` }));
    throw new AppError("validation", "Please correct the highlighted rules.", 400, fields);
  }
  return parsed.data;
}

/** The "Can I use X for Y on Z?" question as it appears in the URL of /allowed. */
export const canIUseSchema = z.object({
  tool: storableText().max(80).optional().catch(undefined).transform((v) => v || undefined),
  activity: storableText().max(80).optional().catch(undefined).transform((v) => v || undefined),
  project: storableText().max(80).optional().catch(undefined).transform((v) => v || undefined),
});
export type CanIUseQuery = z.infer<typeof canIUseSchema>;

export function firstParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") flat[key] = first;
  }
  return flat;
}
