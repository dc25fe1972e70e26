import { describe, expect, it } from "vitest";
import { capPeriod, localDay, localDayFast, periodBounds } from "@/lib/calendar";

describe("cap periods are calendar months in the company time zone", () => {
  it("puts an instant in the month and day of the company's wall clock", () => {
    const at = new Date("2026-11-30T23:30:00Z");
    expect(capPeriod(at, "UTC")).toBe("2026-11");
    expect(capPeriod(at, "Europe/Berlin")).toBe("2026-12");
    expect(localDay(at, "America/Los_Angeles")).toBe("2026-11-30");
  });

  it("has month bounds that follow daylight saving time", () => {
    const { start, end } = periodBounds("2026-03", "Europe/Berlin");
    expect(start.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-31T22:00:00.000Z");
  });

  it("gives the same day from the cached path as from the exact one", () => {
    for (let t = Date.parse("2026-10-24T00:00:00Z"); t < Date.parse("2026-10-27T00:00:00Z"); t += 7 * 60_000) {
      for (const tz of ["Europe/Berlin", "Asia/Kolkata", "America/New_York"]) expect(localDayFast(new Date(t), tz)).toBe(localDay(new Date(t), tz));
    }
  });
});
