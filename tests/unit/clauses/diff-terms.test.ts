import { describe, expect, it } from "vitest";
import { changedOrRemoved, diffTerms, type TermsClause } from "@/lib/clauses/diff-terms";

const c = (ref: string, over: Partial<TermsClause> = {}): TermsClause & { id: string } => ({
  id: `id-${ref}`,
  ref,
  summary: `Summary of ${ref}`,
  restrictedActivities: ["training-data-generation"],
  severity: "high",
  ...over,
});

describe("diffTerms", () => {
  it("matches clauses by reference and sorts them into added, removed, edited and unchanged", () => {
    const previous = [c("1.1"), c("2.3"), c("4.2"), c("5.0")];
    const next = [
      c("1.1"),
      c("2.3", { summary: "A new meaning" }),
      c("4.2", { severity: "critical", restrictedActivities: ["model-development", "training-data-generation"] }),
      c("7.1"),
    ];
    const diff = diffTerms(previous, next);
    expect(diff.added.map((x) => x.ref)).toEqual(["7.1"]);
    expect(diff.removed.map((x) => x.ref)).toEqual(["5.0"]);
    expect(diff.edited.map((e) => [e.ref, e.changed])).toEqual([
      ["2.3", ["summary"]],
      ["4.2", ["restrictedActivities", "severity"]],
    ]);
    expect(diff.unchanged.map((u) => u.before.id)).toEqual(["id-1.1"]);
    expect(changedOrRemoved(diff).map((x) => x.id)).toEqual(["id-2.3", "id-4.2", "id-5.0"]);
  });

  it("ignores whitespace, case of refs and the order of restricted activities", () => {
    const previous = [c("§ 4.2", { summary: "No  competing models.", restrictedActivities: ["a", "b"] })];
    const next = [c(" § 4.2 ", { summary: "No competing models. ", restrictedActivities: ["b", "a"] })];
    const diff = diffTerms(previous, next);
    expect(diff.edited).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.unchanged).toHaveLength(1);
  });

  it("treats a first version as all added and an empty version as all removed", () => {
    expect(diffTerms([], [c("1")]).added).toHaveLength(1);
    expect(diffTerms([c("1"), c("2")], []).removed.map((x) => x.ref)).toEqual(["1", "2"]);
  });

  it("sees a renamed reference as one clause removed and one added", () => {
    const diff = diffTerms([c("3.1")], [c("3.1a")]);
    expect(diff.removed.map((x) => x.ref)).toEqual(["3.1"]);
    expect(diff.added.map((x) => x.ref)).toEqual(["3.1a"]);
  });
});
