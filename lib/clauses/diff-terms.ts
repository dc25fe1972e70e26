// Pure: compares two versions of a vendor's terms clause by clause, matched by reference.
import type { Severity } from "../generated/prisma/enums";

export type TermsClause = { ref: string; summary: string; restrictedActivities: string[]; severity: Severity };
export type ClauseField = "summary" | "restrictedActivities" | "severity";
export type EditedClause<T extends TermsClause> = { ref: string; before: T; after: TermsClause; changed: ClauseField[] };
export type TermsDiff<T extends TermsClause> = {
  added: TermsClause[];
  removed: T[];
  edited: EditedClause<T>[];
  unchanged: { before: T; after: TermsClause }[];
};

/** Refs compare without surrounding spaces or case: "§ 4.2" and "§ 4.2 " are the same clause. */
export const normalizeRef = (ref: string) => ref.trim().replace(/\s+/g, " ").toLowerCase();
const normalizeText = (text: string) => text.trim().replace(/\s+/g, " ");
const sameSet = (a: string[], b: string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

export function changedFields(before: TermsClause, after: TermsClause): ClauseField[] {
  const changed: ClauseField[] = [];
  if (normalizeText(before.summary) !== normalizeText(after.summary)) changed.push("summary");
  if (!sameSet(before.restrictedActivities, after.restrictedActivities)) changed.push("restrictedActivities");
  if (before.severity !== after.severity) changed.push("severity");
  return changed;
}

export function diffTerms<T extends TermsClause>(previous: T[], next: TermsClause[]): TermsDiff<T> {
  const byRef = new Map(previous.map((c) => [normalizeRef(c.ref), c]));
  const seen = new Set<string>();
  const diff: TermsDiff<T> = { added: [], removed: [], edited: [], unchanged: [] };
  for (const after of next) {
    const key = normalizeRef(after.ref);
    const before = byRef.get(key);
    if (!before) {
      diff.added.push(after);
      continue;
    }
    seen.add(key);
    const changed = changedFields(before, after);
    if (changed.length > 0) diff.edited.push({ ref: after.ref, before, after, changed });
    else diff.unchanged.push({ before, after });
  }
  diff.removed = previous.filter((c) => !seen.has(normalizeRef(c.ref)));
  return diff;
}

/** The previous version's clauses a re-review must look at: edited or removed. */
export function changedOrRemoved<T extends TermsClause>(diff: TermsDiff<T>): T[] {
  return [...diff.edited.map((e) => e.before), ...diff.removed];
}
