import { z } from "zod";
import { freeText } from "./text";

const tokens = z.coerce
  .number({ error: "Enter a number of tokens." })
  .int({ error: "Enter a whole number of tokens." })
  .min(0, { error: "A cap cannot be negative." })
  .max(1_000_000_000_000, { error: "That is more than a trillion tokens." });

/**
 * What the cap limits: "external" (the monthly cap, external tools only), "in_house" (the in-house assistant,
 * a separate optional cap) or "tool:<tool id>" (one tool, on top of the cap of its kind). Absent: "external".
 */
const capOn = z
  .string()
  .trim()
  .regex(/^(external|in_house|tool:[0-9a-f-]{36})$/, { error: "Pick what the cap limits." })
  .optional();

export const setCapSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("role"), target: z.enum(["engineer", "manager", "legal", "admin"], { error: "Pick a role." }), monthlyTokens: tokens, capOn }),
  z.object({ scope: z.literal("team"), target: z.uuid({ error: "Pick a team." }), monthlyTokens: tokens, capOn }),
  z.object({ scope: z.literal("user"), target: freeText({ max: 320, required: "Enter the person's email or employee id." }), monthlyTokens: tokens, capOn }),
]);

export type SetCapInput = z.infer<typeof setCapSchema>;

export const removeCapSchema = z.object({ id: z.uuid({ error: "Unknown cap." }) });

/** An engineer asks for a higher monthly cap (from /usage, where the over-cap decision links). */
export const capIncreaseSchema = z.object({
  // Negative numbers already fail `tokens`; this only adds the zero case.
  monthlyTokens: tokens.refine((n) => n !== 0, { error: "Ask for a cap above zero." }),
  reason: freeText({ min: 10, max: 2000, required: "Say in a sentence or two what the extra tokens are for.", tooShort: "Say in a sentence or two what the extra tokens are for." }),
});
export type CapIncreaseInput = z.infer<typeof capIncreaseSchema>;
