import { z } from "zod";
import { freeText } from "./text";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date (YYYY-MM-DD).");

/** The registration form. No author field: the author is always the signed-in person. */
export const contributionSchema = z
  .object({
    projectId: z.uuid({ message: "Choose a training-data project." }),
    artifactRef: freeText({ min: 3, max: 500, required: "Name the artifact (a path, commit or dataset id).", tooShort: "Name the artifact (a path, commit or dataset id)." }),
    firstDay: day,
    lastDay: day,
    attested: z.literal("on", { message: "Confirm that the contribution is handmade." }),
  })
  .refine((v) => v.lastDay >= v.firstDay, { path: ["lastDay"], message: "The last day cannot be before the first." })
  .refine((v) => Date.parse(v.lastDay) - Date.parse(v.firstDay) <= 366 * 86_400_000, {
    path: ["lastDay"],
    message: "An authoring window is at most a year.",
  });
export type ContributionInput = z.infer<typeof contributionSchema>;
