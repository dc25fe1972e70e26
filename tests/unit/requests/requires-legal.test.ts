import { describe, expect, it } from "vitest";
import { requiresLegalReview } from "@/lib/requests/requires-legal";

describe("requiresLegalReview", () => {
  it.each([
    ["a clause restricts the activity", "product-code", [{ restrictedActivities: ["product-code"], severity: "low" as const }], true],
    ["a high-severity clause", "product-code", [{ restrictedActivities: [], severity: "high" as const }], true],
    ["a critical clause", "other", [{ restrictedActivities: ["benchmark-design"], severity: "critical" as const }], true],
    ["a medium clause on other activities", "product-code", [{ restrictedActivities: ["benchmark-design"], severity: "medium" as const }], false],
    ["low clauses only", "other", [{ restrictedActivities: [], severity: "low" as const }, { restrictedActivities: ["x"], severity: "medium" as const }], false],
    ["no clauses", "product-code", [], false],
  ])("%s → %s", (_name, activity, clauses, expected) => {
    expect(requiresLegalReview(activity, clauses)).toBe(expected);
  });
});
