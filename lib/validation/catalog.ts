import { z } from "zod";
import { Disposition, Sensitivity, ToolStatus } from "../generated/prisma/enums";
import { freeText, optionalFreeText } from "./text";

// Prices are USD per million tokens, at most 4 decimals (the column is Decimal(12, 4)).
const price = z
  .string()
  .trim()
  .min(1, "Enter a price (0 for free).")
  .regex(/^\d{1,8}(\.\d{1,4})?$/, "Use a non-negative number with at most 4 decimals, e.g. 3 or 2.5.");

const id = freeText({ max: 200, required: "Missing id." });

export const updateToolSchema = z.object({
  id,
  status: z.enum(ToolStatus, "Choose approved, restricted or blocked."),
  inputUsdPerMTok: price,
  outputUsdPerMTok: price,
});
export type UpdateToolInput = z.infer<typeof updateToolSchema>;

export const updateActivitySchema = z.object({
  id,
  name: freeText({ min: 2, max: 80, required: "Name the activity (at least 2 characters).", tooShort: "Name the activity (at least 2 characters).", tooLong: "At most 80 characters." }),
  description: freeText({ max: 500, required: "Describe the activity so people can tell whether their work fits.", tooLong: "At most 500 characters." }),
  disposition: z.enum(Disposition, "Choose a disposition."),
});
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;

const projectFields = {
  name: freeText({ min: 2, max: 120, required: "Name the project (at least 2 characters).", tooShort: "Name the project (at least 2 characters).", tooLong: "At most 120 characters." }),
  sensitivity: z.enum(Sensitivity, "Choose general, confidential or training-data."),
  description: optionalFreeText({ max: 500, tooLong: "At most 500 characters." }).transform((v) => v ?? null),
};

export const createProjectSchema = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2–63 lowercase letters, digits and dashes, e.g. ads-ranking."),
  ...projectFields,
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

export const updateProjectSchema = z.object({ id, ...projectFields });
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;
