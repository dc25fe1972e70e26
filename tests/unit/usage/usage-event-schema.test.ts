import { describe, expect, it } from "vitest";
import { usageEventSchema } from "@/lib/validation/usage-event";

const valid = { id: "gw1-1", occurredAt: "2026-11-20T10:15:00Z", user: "ana@example.com", tool: "claude-code", activity: "documentation", inputTokens: 10, outputTokens: 5 };
const errorsFor = (over: Record<string, unknown>) => {
  const r = usageEventSchema.safeParse({ ...valid, ...over });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("usage event schema", () => {
  it("accepts the README's usage-event example without the optional fields", () => {
    expect(errorsFor({})).toEqual([]);
  });

  it("names one error for a time that is not a date, and a separate one for a date in the future", () => {
    expect(errorsFor({ occurredAt: "nope" })).toEqual(["occurredAt: must be an ISO 8601 date-time such as 2026-11-20T10:15:00Z"]);
    expect(errorsFor({ occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() })).toEqual(["occurredAt: must not be in the future"]);
  });

  it("rejects negative and fractional token counts by field", () => {
    expect(errorsFor({ inputTokens: -1, outputTokens: 1.5 })).toEqual(["inputTokens: must be a non-negative integer", "outputTokens: must be a non-negative integer"]);
  });
});
