import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkConditions, conditionsOf, effectiveTerms } from "@/lib/requests/approval-conditions";
import { approveSchema } from "@/lib/validation/request-decision";
import { requestInputSchema, windowProblems } from "@/lib/validation/request-form";

const now = new Date("2026-11-20T12:00:00Z");
const at = (s: string) => new Date(`${s}T00:00:00Z`);

describe("request window", () => {
  it.each([
    ["a 30-day window", "2026-11-21", "2026-12-21", {}],
    ["exactly 90 days", "2026-11-21", "2027-02-19", {}],
    ["91 days", "2026-11-21", "2027-02-20", { endsAt: expect.stringContaining("90 days") }],
    ["end before start", "2026-12-01", "2026-11-30", { endsAt: "The end must be after the start." }],
    ["end equal to start", "2026-12-01", "2026-12-01", { endsAt: "The end must be after the start." }],
    ["start today", "2026-11-20", "2026-11-25", {}],
    ["start last week", "2026-11-13", "2026-11-25", { startsAt: "The start cannot be in the past." }],
  ])("%s", (_name, start, end, expected) => {
    expect(windowProblems(at(start), at(end), now)).toEqual(expected);
  });

  it("the form schema reports window problems on the right field", () => {
    const base = { tool: "codex", activity: "product-code", justification: "x".repeat(25), dataHandling: "y".repeat(25) };
    const start = new Date(Date.now() + 86_400_000);
    const tooLong = requestInputSchema.safeParse({ ...base, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 100 * 86_400_000).toISOString() });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues.map((i) => i.path.join("."))).toEqual(["endsAt"]);
    const ok = requestInputSchema.safeParse({ ...base, project: "", startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 10 * 86_400_000).toISOString() });
    expect(ok.success && ok.data.project).toBeUndefined();
    const missing = requestInputSchema.safeParse({ tool: "", activity: "a", justification: "short", dataHandling: "", startsAt: "not a date", endsAt: "" });
    expect(new Set(missing.error?.issues.map((i) => i.path[0]))).toEqual(new Set(["tool", "justification", "dataHandling", "startsAt", "endsAt"]));
  });
});

describe("approval conditions", () => {
  const requested = { from: at("2026-12-01"), to: at("2027-01-30") };

  it("narrows the window stage by stage and keeps the latest cap override", () => {
    const manager = conditionsOf({ validTo: at("2027-01-10"), capOverrideTokens: 1_000_000 });
    const legal = conditionsOf({ validFrom: at("2026-12-05") });
    expect(effectiveTerms(requested, [manager, legal])).toEqual({ from: at("2026-12-05"), to: at("2027-01-10"), capOverrideTokens: 1_000_000 });
    expect(effectiveTerms(requested, [null])).toEqual({ ...requested, capOverrideTokens: null });
  });

  it("refuses conditions that widen or empty the window", () => {
    const fields = (cond: { validFrom?: Date; validTo?: Date }) => {
      try {
        checkConditions(requested, cond, now);
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return (e as AppError).fields.map((f) => f.path);
      }
    };
    expect(fields({ validTo: at("2027-01-15") })).toEqual([]);
    expect(fields({ validTo: at("2027-02-15") })).toEqual(["validTo"]);
    expect(fields({ validFrom: at("2026-11-25") })).toEqual(["validFrom"]);
    expect(fields({ validFrom: at("2027-01-30") })).toEqual(["validFrom"]);
    expect(() => checkConditions({ from: at("2026-10-01"), to: at("2026-11-01") }, {}, now)).toThrow(/already ended/);
  });

  it("parses the approval form: blank conditions are none, token counts may have separators", () => {
    const id = "7d0c2d8e-4a4b-4c39-9a0e-3f1a9f0b6c11";
    expect(approveSchema.parse({ requestId: id, version: "3", validFrom: "", validTo: "", capOverrideTokens: "" })).toEqual({ requestId: id, version: 3 });
    expect(approveSchema.parse({ requestId: id, capOverrideTokens: "2,000,000" }).capOverrideTokens).toBe(2_000_000);
    expect(approveSchema.safeParse({ requestId: id, capOverrideTokens: "-5" }).success).toBe(false);
    expect(approveSchema.safeParse({ requestId: id, validFrom: "2026-12-10", validTo: "2026-12-01" }).error?.issues[0].path).toEqual(["validTo"]);
  });
});
