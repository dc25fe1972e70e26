import { describe, expect, it } from "vitest";
import { toCsv, wantsCsv } from "@/lib/machine-api/csv";

describe("CSV exports", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    const csv = toCsv([{ a: 'say "hi"', b: "x,y", c: "=SUM(A1)", d: -5, e: null }], ["a", "b", "c", "d", "e"]);
    expect(csv).toBe('a,b,c,d,e\r\n"say ""hi""","x,y",\'=SUM(A1),-5,\r\n');
  });

  it("is chosen by Accept: text/csv or format=csv", () => {
    expect(wantsCsv("text/csv")).toBe(true);
    expect(wantsCsv(undefined, "csv")).toBe(true);
    expect(wantsCsv("text/csv", "json")).toBe(false);
    expect(wantsCsv("application/json")).toBe(false);
  });
});
