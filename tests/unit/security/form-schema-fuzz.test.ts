import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataToObject } from "@/lib/actions/action-client";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-key";
import { removeCapSchema, setCapSchema } from "@/lib/validation/cap";
import { createProjectSchema, updateActivitySchema, updateProjectSchema, updateToolSchema } from "@/lib/validation/catalog";
import { termsVersionSchema } from "@/lib/validation/clause";
import { contributionSchema } from "@/lib/validation/contribution";
import { savePolicySchema } from "@/lib/validation/policy";
import { approveSchema, rejectSchema, withdrawSchema } from "@/lib/validation/request-decision";
import { commentSchema } from "@/lib/validation/comment";
import { markReadSchema } from "@/lib/validation/notifications";
import { requestInputSchema } from "@/lib/validation/request-form";
import { revokeSchema } from "@/lib/validation/grant";
import { assignItemSchema, bulkReviewSchema, reviewOutcomeSchema } from "@/lib/validation/review";

// Every portal form's schema, fed arbitrary FormData the way authedAction feeds it: parsing never throws,
// and a refusal names fields the form has (or is a form-level message), so the person sees where to look.

const FORMS: Record<string, z.ZodType> = {
  requestInputSchema, approveSchema, rejectSchema, withdrawSchema, commentSchema, revokeSchema, markReadSchema,
  contributionSchema, termsVersionSchema, reviewOutcomeSchema, bulkReviewSchema, assignItemSchema,
  setCapSchema, removeCapSchema, createApiKeySchema, revokeApiKeySchema, savePolicySchema,
  updateToolSchema, updateActivitySchema, createProjectSchema, updateProjectSchema,
};

/** The top-level field names of an object schema, through refinements, pipes and transforms. */
function fieldsOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; in?: z.ZodType; innerType?: z.ZodType } }).def;
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (def.type === "pipe" && def.in) return fieldsOf(def.in);
  if (def.innerType) return fieldsOf(def.innerType);
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) return schema.options.flatMap((o) => fieldsOf(o as z.ZodType));
  throw new Error(`no fields found in a ${def.type} schema`);
}

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "0", "-1", "1e309", "NaN", "true", "2026-02-30", "9999-12-31", "<script>alert(1)</script>", "x".repeat(5000)),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

/** FormData with the form's own fields (sometimes repeated, like checkboxes) and strangers. */
function formFor(fields: string[]) {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  return fc.array(fc.tuple(key, text), { maxLength: 2 * fields.length + 4 }).map((pairs) => {
    const fd = new FormData();
    for (const [k, v] of pairs) fd.append(k, v);
    return fd;
  });
}

describe("portal form schemas under arbitrary input", () => {
  it.each(Object.keys(FORMS))("%s never throws and names its own fields when it refuses", (name) => {
    const schema = FORMS[name];
    const fields = fieldsOf(schema);
    expect(fields.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(formFor(fields), (fd) => {
        const result = schema.safeParse(formDataToObject(fd));
        if (result.success) return;
        const flat = z.flattenError(result.error);
        const named = Object.keys(flat.fieldErrors);
        expect(named.length + flat.formErrors.length).toBeGreaterThan(0);
        for (const f of named) expect(fields, `${name} reported an error on "${f}"`).toContain(f);
        for (const messages of Object.values(flat.fieldErrors) as string[][]) for (const m of messages) expect(m.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 20261126 },
    );
  });
});
