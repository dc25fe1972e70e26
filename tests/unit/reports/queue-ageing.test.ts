import { describe, expect, it } from "vitest";
import { ageBand, queueAgeing } from "@/lib/reports/queue-ageing";

describe("queue ageing", () => {
  it.each([
    [0, "0–2 days"],
    [2, "0–2 days"],
    [3, "3–7 days"],
    [14, "8–14 days"],
    [30, "15–30 days"],
    [31, "over 30 days"],
  ])("%i days is %s", (days, band) => expect(ageBand(days)).toBe(band));

  it("counts items per band and type", () => {
    const rows = [
      { type: "violation", ageDays: 1, items: 4 },
      { type: "violation", ageDays: 0, items: 1 },
      { type: "legal_request", ageDays: 9, items: 2 },
      { type: "violation", ageDays: 45, items: 3 },
    ];
    const table = queueAgeing(rows, ["violation", "legal_request"]);
    expect(table.map((r) => [r.band, r.values.violation, r.values.legal_request, r.total])).toEqual([
      ["0–2 days", 5, 0, 5],
      ["3–7 days", 0, 0, 0],
      ["8–14 days", 0, 2, 2],
      ["15–30 days", 0, 0, 0],
      ["over 30 days", 3, 0, 3],
    ]);
  });
});
