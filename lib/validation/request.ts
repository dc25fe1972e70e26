// Boundaries of the exception-request workflow: the forms on /requests, /approvals and /grants, and the
// CSV export's query. Past these schemas the use cases trust their input.
import { z } from "zod";
import { freeText, optionalFreeText } from "./text";

export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

const optionalText = (max: number) => optionalFreeText({ max });

const slug = (what: string) => freeText({ max: 100, required: `Choose a ${what}.` });

/** "2026-12-01" or a full ISO instant; a bare date is midnight UTC. */
const instant = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .transform((v, ctx) => {
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: `Enter the ${what} as a date.` });
        return z.NEVER;
      }
      return d;
    });

const optionalInstant = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: `Enter the ${what} as a date.` });
        return z.NEVER;
      }
      return d;
    });

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
export type RequestPreviewInput = z.infer<typeof requestPreviewSchema>;

const requestRef = {
  // ids are uuids for new rows but seeded and imported rows may carry readable ids
  requestId: freeText({ max: 200, required: "Unknown request." }),
  /** the version the person saw: a decision on a stale page is a conflict, not a silent overwrite */
  version: z.coerce.number().int().min(1).optional(),
  /** where the decision was taken, to return there with the outcome: the approvals queue or the request page */
  from: z.enum(["queue", "request"]).optional().catch(undefined),
};

export const approveSchema = z
  .object({
    ...requestRef,
    validFrom: optionalInstant("condition start"),
    validTo: optionalInstant("condition end"),
    capOverrideTokens: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const n = Number(v.replaceAll(/[,_\s]/g, ""));
        if (!Number.isInteger(n) || n <= 0 || n > 1e12) {
          ctx.addIssue({ code: "custom", message: "Enter a whole, positive number of tokens per month." });
          return z.NEVER;
        }
        return n;
      }),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.validFrom && v.validTo && v.validTo.getTime() <= v.validFrom.getTime())
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "The end must be after the start." });
  });
// Every condition is optional; the schema's output marks them "present but maybe undefined".
export type ApproveInput = Partial<z.infer<typeof approveSchema>> & { requestId: string };

const reason = freeText({ min: 3, max: 2000, required: "Give a reason.", tooShort: "Give a reason (at least 3 characters)." });

export const rejectSchema = z.object({ ...requestRef, reason });
export type RejectInput = z.infer<typeof rejectSchema>;

export const withdrawSchema = z.object(requestRef);
export type WithdrawInput = z.infer<typeof withdrawSchema>;

export const commentSchema = z.object({
  requestId: requestRef.requestId,
  body: freeText({ max: 4000, required: "Write a comment.", tooLong: "Keep comments under 4,000 characters." }),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const revokeSchema = z.object({ grantId: freeText({ max: 200, required: "Unknown grant." }), reason });
export type RevokeInput = z.infer<typeof revokeSchema>;

export const markReadSchema = z.object({ notificationId: freeText({ max: 200 }) });

export const GRANT_STATES = ["live", "scheduled", "expired", "revoked"] as const;
export type GrantState = (typeof GRANT_STATES)[number];

/** /grants filters and the CSV export's query: the same schema so the file matches the screen. */
export const grantFilterSchema = z.object({
  person: optionalText(200).catch(undefined),
  tool: optionalText(100).catch(undefined),
  status: z.enum(GRANT_STATES).optional().catch(undefined),
  from: optionalInstant("from date").catch(undefined),
  to: optionalInstant("to date").catch(undefined),
});
// Every filter is optional (absent means "any").
export type GrantFilter = Partial<z.infer<typeof grantFilterSchema>>;

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** First value of each search param, for schemas that read the URL. */
export function firstParams(params: SearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && !(key in flat)) flat[key] = first;
  }
  return flat;
}
