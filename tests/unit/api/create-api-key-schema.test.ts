import { describe, expect, it } from "vitest";
import { createApiKeySchema } from "@/lib/validation/api-key";

describe("createApiKeySchema: expiry", () => {
  it.each([
    [undefined, null],
    ["never", null],
    ["30", 30],
    ["365", 365],
  ])("expiresInDays %s → %s", (value, expected) => {
    expect(createApiKeySchema.parse({ name: "gw", scopes: ["decide"], expiresInDays: value }).expiresInDays).toBe(expected);
  });

  it("rejects a lifetime that is not offered as a field error", () => {
    const result = createApiKeySchema.safeParse({ name: "gw", scopes: ["decide"], expiresInDays: "9999" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["expiresInDays"]);
  });
});
