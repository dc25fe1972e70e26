import { describe, expect, it } from "vitest";
import { capPeriod, localDay, periodBounds } from "@/lib/calendar";

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

  it("gives Intl's local date for every instant, memoized or not", () => {
    const exact = (at: Date, timeZone: string) => {
      const p = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
      const get = (t: string) => p.find((x) => x.type === t)!.value;
      return { day: `${get("year")}-${get("month")}-${get("day")}`, period: `${get("year")}-${get("month")}` };
    };
    const check = (from: string, to: string, stepMs: number, zones: string[]) => {
      for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) {
        for (const tz of zones) {
          const at = new Date(t);
          // twice: the first call may fill the memo, the second reads it
          for (let i = 0; i < 2; i++) expect({ day: localDay(at, tz), period: capPeriod(at, tz) }).toEqual(exact(at, tz));
        }
      }
    };
    // daylight saving changes and month ends in zones with whole, half and three-quarter hour offsets
    check("2026-10-24T00:00:00Z", "2026-11-02T00:00:00Z", 7 * 60_000 + 13_000, ["Europe/Berlin", "Asia/Kolkata", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]);
    // Monrovia was 44 min 30 s behind UTC until 1972: its midnights fell inside a quarter hour
    check("1971-06-29T23:00:00Z", "1971-07-02T02:00:00Z", 61_000, ["Africa/Monrovia"]);
  });
});
