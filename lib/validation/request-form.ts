// Boundary of the exception-request form on /requests/new: what a person asks for, and the live preview.
// Past these schemas the use cases trust their input.
import { z } from "zod";
import { instant } from "./fields";
import { freeText, optionalFreeText } from "./text";

export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

const optionalText = (max: number) => optionalFreeText({ max });

const slug = (what: string) => freeText({ max: 100, required: `Choose a ${what}.` });

/**
 * What is wrong with an exception window, per field. A window ends after it starts, lasts at most
 * 90 days, and does not start more than a day in the past.
 */
export function windowProblems(startsAt: Date, endsAt: Date, now: Date): { startsAt?: string; endsAt?: string } {
  if (startsAt.getTime() < now.getTime() - DAY_MS) return { startsAt: "The start cannot be in the past." };
  if (endsAt.getTime() <= startsAt.getTime()) return { endsAt: "The end must be after the start." };
  if (endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    return { endsAt: `An exception lasts at most ${MAX_WINDOW_DAYS} days; choose an earlier end.` };
  return {};
}

export const requestInputSchema = z
  .object({
    tool: slug("tool"),
    activity: slug("activity"),
    project: optionalText(100),
    justification: freeText({
      min: 20,
      max: 4000,
      required: "Say why you need this exception.",
      tooShort: "Say in at least 20 characters why you need this exception.",
      tooLong: "Keep the justification under 4,000 characters.",
    }),
    dataHandling: freeText({
      min: 20,
      max: 4000,
      required: "Say how outputs stay out of training data.",
      tooShort: "Say in at least 20 characters how the outputs stay out of training data.",
      tooLong: "Keep this under 4,000 characters.",
    }),
    startsAt: instant("start date"),
    endsAt: instant("end date"),
  })
  .superRefine((v, ctx) => {
    const problems = windowProblems(v.startsAt, v.endsAt, new Date());
    for (const [path, message] of Object.entries(problems)) ctx.addIssue({ code: "custom", path: [path], message });
  });
export type RequestInput = z.infer<typeof requestInputSchema>;

/** The live preview on /requests/new: what the policy says before anything is filed. */
export const requestPreviewSchema = z.object({ tool: slug("tool"), activity: slug("activity"), project: optionalText(100) });
