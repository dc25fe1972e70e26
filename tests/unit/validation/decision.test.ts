import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decisionRequestSchema } from "@/lib/validation/decision";

const base = { user: "engineer@example.com", tool: "claude-code", activity: "product-code" };
const estimateErrors = (estimatedTokens: unknown) => {
  const r = decisionRequestSchema.safeParse({ ...base, estimatedTokens });
  return r.success ? [] : ((z.flattenError(r.error).fieldErrors as Record<string, string[] | undefined>).estimatedTokens ?? []);
};

describe("decision request: estimatedTokens", () => {
  it("takes zero up to the upper bound, or nothing", () => {
    expect(estimateErrors(0)).toEqual([]);
    expect(estimateErrors(1_000_000_000)).toEqual([]);
    expect(estimateErrors(null)).toEqual([]);
    expect(estimateErrors(undefined)).toEqual([]);
  });

  it("names the rule that was broken: the sign and kind, or the upper bound", () => {
    expect(estimateErrors(-5)).toEqual(["must be a non-negative integer"]);
    expect(estimateErrors(1.5)).toEqual(["must be a non-negative integer"]);
    expect(estimateErrors("lots")).toEqual(["must be a non-negative integer"]);
    // A huge estimate used to be told it was not a non-negative integer.
    expect(estimateErrors(999_999_999_999)).toEqual(["must be at most 1000000000"]);
  });
});
