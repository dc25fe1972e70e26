import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ruleDraftSchema, savePolicySchema } from "@/lib/validation/policy";
import { commentSchema } from "@/lib/validation/comment";
import { rejectSchema } from "@/lib/validation/request-decision";
import { requestInputSchema } from "@/lib/validation/request-form";
import { reviewOutcomeSchema } from "@/lib/validation/review";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { capIncreaseSchema } from "@/lib/validation/cap";
import { contributionSchema } from "@/lib/validation/contribution";
import { updateActivitySchema } from "@/lib/validation/catalog";
import { termsClauseSchema } from "@/lib/validation/clause";
import { cleanText, freeText, NUL_MESSAGE, optionalFreeText, visibleLength } from "@/lib/validation/text";

// Findings 7 and 8 of issue 15: "x" plus four zero-width spaces passed a 5-character minimum, and a NUL in a
// policy message or comment reached PostgreSQL (22021, "Something went wrong").
const ZWSP = "\u200b";
const errorsOf = (schema: z.ZodType, value: unknown): Record<string, string[] | undefined> => {
  const r = schema.safeParse(value);
  return r.success ? {} : (z.flattenError(r.error).fieldErrors as Record<string, string[] | undefined>);
};

describe("free text", () => {
  it("cleans: NFC, whitespace and format characters trimmed at the edges, kept inside", () => {
    expect(cleanText(`${ZWSP} \u2060x\u00a0${ZWSP}\ufeff`)).toBe("x");
    expect(cleanText("e\u0301")).toBe("é");
    expect(cleanText("👩\u200d💻")).toBe("👩\u200d💻");
    expect(visibleLength(`a${ZWSP}${ZWSP}b`)).toBe(2);
    expect(visibleLength("👩\u200d💻")).toBe(2);
  });

  it("counts visible characters for the minimum", () => {
    const s = freeText({ min: 5, max: 50 });
    expect(s.safeParse(`x${ZWSP.repeat(4)}`).success).toBe(false);
    expect(s.safeParse(`x${ZWSP.repeat(4)}x`).success).toBe(false);
    expect(s.safeParse(`${"\u00ad".repeat(10)}`).success).toBe(false);
    expect(s.parse(`  hello ${ZWSP}`)).toBe("hello");
  });

  it("refuses NUL and unpaired surrogates as a field error", () => {
    const s = freeText({ max: 50 });
    expect(s.safeParse("a\u0000b").error?.issues[0].message).toBe(NUL_MESSAGE);
    expect(s.safeParse("a\ud800b").success).toBe(false);
    expect(optionalFreeText({ max: 50 }).safeParse("\u0000").success).toBe(false);
  });

  it("optional text: empty or invisible-only is absent", () => {
    const s = optionalFreeText({ max: 10 });
    expect(s.parse(undefined)).toBeUndefined();
    expect(s.parse("")).toBeUndefined();
    expect(s.parse(ZWSP.repeat(3))).toBeUndefined();
    expect(s.parse(" a ")).toBe("a");
  });
});

describe("every free-text field uses it", () => {
  const rule = { name: "Rule", effect: "allow", message: "Hello there", clauseIds: [] };
  it("policy: a message of x plus four zero-width spaces is refused; a NUL is a field error", () => {
    expect(errorsOf(ruleDraftSchema, { ...rule, message: `x${ZWSP.repeat(4)}` }).message).toBeDefined();
    expect(errorsOf(ruleDraftSchema, { ...rule, message: "Hello\u0000there" }).message).toEqual([NUL_MESSAGE]);
    expect(errorsOf(ruleDraftSchema, { ...rule, name: `${ZWSP}x${ZWSP}` }).name).toBeDefined();
    expect(errorsOf(savePolicySchema, { baseVersion: 1, note: "a\u0000", rules: "[]" }).note).toEqual([NUL_MESSAGE]);
  });

  it("requests, comments, reasons, review notes, keys, caps, contributions, catalog, clauses", () => {
    const request = { tool: "codex", activity: "product-code", justification: "x".repeat(25), dataHandling: "y".repeat(25), startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86400_000).toISOString() };
    expect(errorsOf(requestInputSchema, { ...request, justification: `x${ZWSP.repeat(30)}` }).justification).toBeDefined();
    expect(errorsOf(requestInputSchema, { ...request, dataHandling: `${"y".repeat(25)}\u0000` }).dataHandling).toEqual([NUL_MESSAGE]);
    expect(errorsOf(commentSchema, { requestId: "r1", body: "hi\u0000" }).body).toEqual([NUL_MESSAGE]);
    expect(errorsOf(commentSchema, { requestId: "r1", body: ZWSP.repeat(3) }).body).toBeDefined();
    expect(errorsOf(rejectSchema, { requestId: "r1", reason: `x${ZWSP.repeat(4)}` }).reason).toBeDefined();
    expect(errorsOf(reviewOutcomeSchema, { itemId: crypto.randomUUID(), version: 1, outcome: "confirmed", note: ZWSP }).note).toBeDefined();
    expect(errorsOf(reviewOutcomeSchema, { itemId: crypto.randomUUID(), version: 1, outcome: "cleared", note: "ok\u0000" }).note).toEqual([NUL_MESSAGE]);
    expect(errorsOf(createApiKeySchema, { name: ZWSP, scopes: ["read"] }).name).toBeDefined();
    expect(errorsOf(capIncreaseSchema, { monthlyTokens: "5", reason: `x${ZWSP.repeat(12)}` }).reason).toBeDefined();
    expect(errorsOf(contributionSchema, { projectId: crypto.randomUUID(), artifactRef: "ab\u0000", firstDay: "2026-01-01", lastDay: "2026-01-02", attested: "on" }).artifactRef).toEqual([NUL_MESSAGE]);
    expect(errorsOf(updateActivitySchema, { id: "a", name: "Docs", description: `d\u0000`, disposition: "allowed" }).description).toEqual([NUL_MESSAGE]);
    expect(termsClauseSchema.safeParse({ ref: "§1", summary: `x${ZWSP.repeat(12)}`, restrictedActivities: [], severity: "low" }).success).toBe(false);
  });
});
