import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/security/storable-text";

describe("isStorableText", () => {
  it.each([
    ["plain ascii", "gw1-000001", true],
    ["accents and CJK", "café 東京", true],
    ["a paired surrogate (emoji)", "ok 😀", true],
    ["empty", "", true],
    ["NUL", "a\u0000b", false],
    ["a lone high surrogate", "a\ud800b", false],
    ["a lone low surrogate", "a\udc00b", false],
    ["a high surrogate at the end", "abc\ud83d", false],
    ["surrogates in the wrong order", "\ude00\ud83d", false],
  ])("%s", (_what, value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });

  it("names the field in a zod schema instead of throwing", () => {
    const schema = z.object({ id: z.string().refine(isStorableText, { error: UNSTORABLE_TEXT_MESSAGE }) });
    const result = schema.safeParse({ id: "x\u0000" });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({ id: [UNSTORABLE_TEXT_MESSAGE] });
  });
});
