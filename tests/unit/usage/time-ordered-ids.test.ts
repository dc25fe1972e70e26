import { describe, expect, it } from "vitest";
import { timeOrderedIds } from "@/lib/usage/store-events";

describe("timeOrderedIds", () => {
  it("makes distinct version-7 UUIDs that sort by creation time", async () => {
    const first = timeOrderedIds(500);
    await new Promise((r) => setTimeout(r, 5));
    const later = timeOrderedIds(3);
    expect(new Set(first).size).toBe(500);
    for (const id of [...first, ...later]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(later.every((id) => first.every((f) => f.slice(0, 13) < id.slice(0, 13)))).toBe(true);
  });

  it("starts each id with the milliseconds it was made at", () => {
    const before = Date.now();
    const ids = timeOrderedIds(20);
    const after = Date.now();
    for (const id of ids) {
      const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
  });
});
