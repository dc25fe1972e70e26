import { z } from "zod";
import { Severity } from "../generated/prisma/enums";
import { freeText } from "./text";

export const termsClauseSchema = z.object({
  ref: freeText({ max: 60, required: "needs a reference", tooLong: "reference is at most 60 characters" }),
  summary: freeText({ min: 10, max: 2000, required: "needs a summary of at least 10 characters", tooShort: "needs a summary of at least 10 characters" }),
  restrictedActivities: z.array(freeText({ max: 100 })).max(20),
  severity: z.enum(Severity, { message: "needs a severity" }),
});
export type TermsClauseInput = z.infer<typeof termsClauseSchema>;

/** The clause rows travel as one JSON field; each problem names its row so the form can say which. */
const clausesField = z.string().transform((raw, ctx) => {
  let rows: unknown;
  try {
    rows = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: "The clause list could not be read." });
    return z.NEVER;
  }
  if (!Array.isArray(rows) || rows.length === 0) {
    ctx.addIssue({ code: "custom", message: "Add at least one clause." });
    return z.NEVER;
  }
  const out: TermsClauseInput[] = [];
  const refs = new Set<string>();
  rows.forEach((row, i) => {
    const parsed = termsClauseSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `Clause ${i + 1}: ${issue.path.join(".") || "row"} ${issue.message}` });
      return;
    }
    const key = parsed.data.ref.toLowerCase();
    if (refs.has(key)) ctx.addIssue({ code: "custom", message: `Clause ${i + 1}: reference ${parsed.data.ref} appears twice.` });
    refs.add(key);
    out.push(parsed.data);
  });
  return out;
});

export const termsVersionSchema = z.object({
  vendorId: z.uuid(),
  title: freeText({ min: 3, max: 200, required: "Give the document a title.", tooShort: "Give the document a title." }),
  version: freeText({ max: 40, required: "Give the version." }),
  effectiveDate: z.iso.date("Enter the effective date."),
  url: z.url({ protocol: /^https?$/, message: "Enter the http(s) address of the terms." }),
  clauses: clausesField,
});
export type TermsVersionInput = z.infer<typeof termsVersionSchema>;
