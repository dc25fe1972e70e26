// Field builders shared by the request, decision and grant schemas: dates, ids and reasons.
import { z } from "zod";
import { freeText } from "./text";

/** "2026-12-01" or a full ISO instant; a bare date is midnight UTC. */
export const instant = (what: string) =>
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

/** The same, for a date that may be left empty (undefined). */
export const optionalInstant = (what: string) =>
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

/** A request's id: uuids for new rows, but seeded and imported rows may carry readable ids. */
export const requestId = freeText({ max: 200, required: "Unknown request." });

/** Why a request is rejected or a grant revoked. */
export const reason = freeText({ min: 3, max: 2000, required: "Give a reason.", tooShort: "Give a reason (at least 3 characters)." });
