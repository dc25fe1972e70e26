import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { dismissUnmatchedTelemetry, flushUnmatchedSightings, recordUnmatched } from "@/lib/tools/unmatched-telemetry";
import { useTestDb } from "../../support/test-db";

useTestDb();
const admin = { type: "system" as const, id: null };
const row = (value: string) => prisma.unmatchedTelemetry.findUnique({ where: { kind_value: { kind: "repository", value } } });
const seen = (value: string) => recordUnmatched([{ kind: "repository", value, source: "hook" }]);

afterEach(() => {
  vi.useRealTimers();
});

describe("unmatched names seen again and again (every hook call in an unmapped repository)", () => {
  it("writes the first sighting at once and the repeats of the next seconds as one count", async () => {
    await seen("/src/a");
    expect(await row("/src/a")).toMatchObject({ count: 1 });
    await seen("/src/a");
    await seen("/src/a");
    expect(await row("/src/a")).toMatchObject({ count: 1 });
    await flushUnmatchedSightings();
    expect(await row("/src/a")).toMatchObject({ count: 3 });
  });

  it("writes again at once when the window has passed, with what was still waiting", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T10:00:00Z"));
    await seen("/src/b");
    await seen("/src/b");
    vi.setSystemTime(new Date("2026-11-27T10:00:06Z"));
    await seen("/src/b");
    expect(await row("/src/b")).toMatchObject({ count: 3, lastSeenAt: new Date("2026-11-27T10:00:06Z") });
  });

  it("does not bring back a row an admin dismissed meanwhile", async () => {
    await seen("/src/c");
    await seen("/src/c");
    await dismissUnmatchedTelemetry(admin, (await row("/src/c"))!.id);
    await flushUnmatchedSightings();
    expect(await row("/src/c")).toBeNull();
  });
});
