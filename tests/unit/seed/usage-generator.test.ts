import { describe, expect, it } from "vitest";
import { buildOrg, storyCast } from "@/lib/seed/org-data";
import { dayInfo, generateDay, type UsagePlan } from "@/lib/seed/usage-generator";

const people = buildOrg();
// Thursday 2026-11-26, 15:00 UTC.
const anchor = new Date("2026-11-26T15:00:00Z");
const plan: UsagePlan = { people, grants: [], anchor, timeZone: "UTC", days: 90, rate: 1, today: "2026-11-26", leftAt: new Map() };
const internalShare = (daysAgo: number[]) => {
  const events = daysAgo.flatMap((d) => generateDay(plan, d));
  return events.filter((e) => e.tool === "metacode").length / events.length;
};

describe("the demo org", () => {
  it("has about 200 people with unique emails and employee ids, and the demo accounts", () => {
    expect(people).toHaveLength(200);
    expect(new Set(people.map((p) => p.email)).size).toBe(200);
    expect(people[0].employeeId).toBe("E10001");
    expect(people.find((p) => p.email === "engineer@example.com")?.manager).toBe("manager@example.com");
    expect(buildOrg()).toEqual(people);
  });
});

describe("generateDay", () => {
  it("is deterministic and gives unique, stable ids", () => {
    const a = generateDay(plan, 3);
    expect(generateDay(plan, 3)).toEqual(a);
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    expect(a[0].id).toMatch(/^seed-E\d{5}-20261123-\d+-\d+$/);
  });

  it("has a weekly rhythm: weekdays heavy, weekends light", () => {
    expect(dayInfo(plan, 4).weekend).toBe(true);
    const weekend = generateDay(plan, 4).length;
    const weekday = generateDay(plan, 2).length;
    expect(weekday).toBeGreaterThan(2000);
    expect(weekend).toBeLessThan(weekday / 5);
  });

  it("gives a calendar day the same ids whatever the anchor, so a later re-run adds nothing to past days", () => {
    const later: UsagePlan = { ...plan, anchor: new Date("2026-11-29T09:00:00Z"), today: "2026-11-29" };
    const ids = (p: UsagePlan, daysAgo: number) => generateDay(p, daysAgo).map((e) => e.id);
    expect(ids(later, 5)).toEqual(ids(plan, 2));
    expect(ids(later, 40)).toEqual(ids(plan, 37));
  });

  it("stops a leaver's usage on the day they left", () => {
    const leaver = people.find((p) => p.deactivatedDaysAgo !== null)!;
    const withLeaver: UsagePlan = { ...plan, leftAt: new Map([[leaver.email, new Date("2026-11-20T00:00:00Z")]]) };
    const users = (daysAgo: number) => new Set(generateDay(withLeaver, daysAgo).map((e) => e.user));
    expect(users(6).has(leaver.email)).toBe(false);
    expect([7, 8, 9, 10, 11].some((d) => users(d).has(leaver.email))).toBe(true);
  });

  it("never generates events at or after the anchor", () => {
    const today = generateDay(plan, 0);
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((e) => new Date(e.occurredAt) < anchor)).toBe(true);
  });

  it("drifts from external tools to the in-house one", () => {
    expect(internalShare([80, 79, 78])).toBeLessThan(internalShare([2, 3, 6]) - 0.15);
  });

  it("puts external tools on training-data projects only for the violators", () => {
    const violators = new Set(storyCast(people).violators.map((v) => v.person.email));
    const events = [1, 2, 3, 6, 7].flatMap((d) => generateDay(plan, d));
    const bad = events.filter((e) => e.tool !== "metacode" && (e.project === "llm-pretraining-data" || e.project === "coding-challenges"));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((e) => violators.has(e.user))).toBe(true);
  });
});
