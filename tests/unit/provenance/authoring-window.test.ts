import { describe, expect, it } from "vitest";
import { authoringWindow, isInWindow, taintingEvents } from "@/lib/provenance/authoring-window";

describe("authoringWindow", () => {
  it("runs from midnight of the first day to midnight after the last day, in UTC", () => {
    const w = authoringWindow("2026-11-02", "2026-11-04", "UTC");
    expect(w.start.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    expect(w.end.toISOString()).toBe("2026-11-05T00:00:00.000Z");
  });

  it("uses the company time zone, across a DST change (Europe/Berlin leaves summer time on 25 Oct 2026)", () => {
    const w = authoringWindow("2026-10-24", "2026-10-25", "Europe/Berlin");
    expect(w.start.toISOString()).toBe("2026-10-23T22:00:00.000Z");
    expect(w.end.toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("handles zones west of UTC and month and year ends", () => {
    const w = authoringWindow("2026-12-31", "2026-12-31", "America/Los_Angeles");
    expect(w.start.toISOString()).toBe("2026-12-31T08:00:00.000Z");
    expect(w.end.toISOString()).toBe("2027-01-01T08:00:00.000Z");
  });

  it("includes the start instant and excludes the end instant", () => {
    const w = authoringWindow("2026-11-02", "2026-11-02", "UTC");
    expect(isInWindow(new Date("2026-11-02T00:00:00.000Z"), w)).toBe(true);
    expect(isInWindow(new Date("2026-11-02T23:59:59.999Z"), w)).toBe(true);
    expect(isInWindow(new Date("2026-11-03T00:00:00.000Z"), w)).toBe(false);
    expect(isInWindow(new Date("2026-11-01T23:59:59.999Z"), w)).toBe(false);
  });
});

describe("taintingEvents", () => {
  const w = authoringWindow("2026-11-02", "2026-11-03", "Asia/Tokyo");
  const contribution = { authorId: "u1", projectId: "p1", windowStart: w.start, windowEnd: w.end };
  const ev = (over: Partial<{ userId: string; projectId: string | null; occurredAt: Date; toolKind: string }>) => ({
    userId: "u1",
    projectId: "p1",
    occurredAt: new Date("2026-11-02T03:00:00Z"),
    toolKind: "external",
    ...over,
  });

  it.each([
    ["an external event in the window", ev({}), true],
    ["the window's first instant (Tokyo midnight = 15:00 UTC the day before)", ev({ occurredAt: new Date("2026-11-01T15:00:00Z") }), true],
    ["one millisecond before the window", ev({ occurredAt: new Date("2026-11-01T14:59:59.999Z") }), false],
    ["the window's end instant", ev({ occurredAt: new Date("2026-11-03T15:00:00Z") }), false],
    ["an internal tool", ev({ toolKind: "internal" }), false],
    ["someone else's usage", ev({ userId: "u2" }), false],
    ["another project", ev({ projectId: "p2" }), false],
    ["usage without a project", ev({ projectId: null }), false],
  ])("%s → tainting: %s", (_name, event, expected) => {
    expect(taintingEvents(contribution, [event]).length === 1).toBe(expected);
  });

  it("finds a late event (arrived after the check) by when it occurred, not when it arrived", () => {
    const late = { ...ev({ occurredAt: new Date("2026-11-02T10:00:00Z") }), receivedAt: new Date("2026-12-20T00:00:00Z") };
    expect(taintingEvents(contribution, [late])).toEqual([late]);
  });
});
