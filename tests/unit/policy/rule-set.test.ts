import { describe, expect, it } from "vitest";
import { appErrorOf } from "../../support/app-error-of";
import type { PolicyClause, PolicyRuleInput } from "@/lib/policy/evaluate";
import { serializeRules, toEditableRule, toRuleInputs } from "@/lib/policy/rule-draft";
import { parseRuleSet } from "@/lib/validation/policy";

const clause: PolicyClause = { id: "c1", vendor: "OpenAI", ref: "2(c)", summary: "No competing models.", severity: "critical", restrictedActivities: [] };
const stored: PolicyRuleInput = {
  id: "r1",
  position: 1,
  name: "No model work",
  toolId: null,
  toolKind: "external",
  activityId: null,
  disposition: "prohibited_external",
  sensitivity: null,
  teamId: null,
  effect: "deny",
  message: "Use the in-house assistant.",
  clauses: [clause],
};


describe("the policy editor's rule list", () => {
  it("round-trips a stored rule through the editor and the save action's parser", () => {
    const editable = toEditableRule(stored);
    expect(editable).toMatchObject({ toolId: "", toolKind: "external", clauseIds: ["c1"] });
    const [parsed] = parseRuleSet(serializeRules([editable]));
    expect(parsed).toEqual({
      name: "No model work",
      toolId: null,
      toolKind: "external",
      activityId: null,
      disposition: "prohibited_external",
      sensitivity: null,
      teamId: null,
      effect: "deny",
      message: "Use the in-house assistant.",
      clauseIds: ["c1"],
    });
    expect(toRuleInputs([editable], new Map([["c1", clause]]))).toEqual([{ ...stored, id: "draft-1" }]);
  });

  it("positions drafts by their place in the list", () => {
    const a = toEditableRule(stored);
    const b = { ...a, key: "b", name: "Second" };
    expect(toRuleInputs([b, a], new Map()).map((r) => [r.position, r.name])).toEqual([
      [1, "Second"],
      [2, "No model work"],
    ]);
  });

  it("names the rule and field of every error", () => {
    const good = toEditableRule(stored);
    const error = appErrorOf(() => parseRuleSet(serializeRules([good, { ...good, name: "x", effect: "maybe", message: "" }])));
    expect(error.fields.map((f) => f.path).sort()).toEqual(["rules.1.effect", "rules.1.message", "rules.1.name"]);
  });

  it("refuses an empty rule set and text that is not JSON", () => {
    expect(appErrorOf(() => parseRuleSet("[]")).fields).toEqual([{ path: "rules", message: "A policy needs at least one rule." }]);
    expect(appErrorOf(() => parseRuleSet("{oops")).fields[0].path).toBe("rules");
  });

  it("treats an unknown effect in a draft as deny when previewing (fail closed)", () => {
    expect(toRuleInputs([{ ...toEditableRule(stored), effect: "" }], new Map())[0].effect).toBe("deny");
  });
});
