import { z } from "zod";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/security/storable-text";
import { storableText } from "./text";

// POST /api/v1/decisions (README "Machine API (gateways)"). The OpenAPI document is built from these schemas.
const name = (what: string) =>
  storableText({ required: `must be a string naming the ${what}`, nul: UNSTORABLE_TEXT_MESSAGE })
    .min(1, { error: `must name the ${what}` })
    .max(320);

export const decisionRequestSchema = z
  .object({
    user: name("user").meta({ description: "Email or employee id." }),
    tool: name("tool").meta({ description: "Tool slug." }),
    activity: name("activity").meta({ description: "Activity slug." }),
    project: name("project").nullish().meta({ description: "Project key." }),
    estimatedTokens: z
      .int({ error: "must be a non-negative integer" })
      .min(0, { error: "must be a non-negative integer" })
      .max(1_000_000_000, { error: "must be at most 1000000000" })
      .nullish()
      .meta({ description: "When given and the answer is allow, reserved against every cap that governs the tool until the usage arrives." }),
  })
  .meta({ id: "DecisionRequest" });

export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const REASON_CODES = [
  "allowed_by_policy",
  "allowed_by_grant",
  "exception_required",
  "prohibited_activity",
  "training_data_project",
  "tool_blocked",
  "over_cap",
  "unknown_user",
  "unknown_tool",
  "unknown_project",
  "user_inactive",
] as const;

export const decisionResponseSchema = z
  .object({
    decision: z.enum(["allow", "deny", "require_exception"]),
    reasons: z.array(z.object({ code: z.enum(REASON_CODES), message: z.string() })),
    rule: z.object({ id: z.string(), policyVersion: z.int() }).nullable(),
    clauses: z.array(z.object({ id: z.string(), vendor: z.string(), ref: z.string(), summary: z.string() })),
    grant: z.object({ id: z.string(), validTo: z.iso.datetime() }).nullable(),
    cap: z
      .object({
        period: z.string(),
        limit: z.number(),
        used: z.number(),
        remaining: z.number(),
        counts: z.literal("external_tools").meta({ description: "What counts toward this cap: external tools' tokens only; the in-house assistant never does." }),
        applies: z.boolean().meta({ description: "Whether this cap governs the tool asked about (false for the in-house assistant, which it never denies)." }),
      })
      .nullable()
      .meta({ description: "The monthly cap on external tools, shown on every answer." }),
    inHouseCap: z
      .object({ period: z.string(), limit: z.number(), used: z.number(), remaining: z.number(), applies: z.boolean() })
      .nullable()
      .meta({ description: "The optional separate cap on the in-house assistant; null when none is set." }),
    toolCap: z
      .object({ tool: z.string(), period: z.string(), limit: z.number(), used: z.number(), remaining: z.number() })
      .nullable()
      .meta({ description: "The optional cap on the tool asked about (e.g. a tighter cap on one vendor); null when none is set." }),
    requestUrl: z.url().nullable().meta({ description: "Exception form pre-filled (require_exception), or a cap increase request (over_cap)." }),
  })
  .meta({ id: "DecisionResponse" });

export type DecisionResponse = z.infer<typeof decisionResponseSchema>;
