import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/machine-api/csv";
import { csvDocument, csvStream } from "@/lib/csv/csv-writer";
import { eventCsvRow } from "@/lib/evidence/events-csv";
import { grantsToCsv } from "@/lib/grants/grants-csv";
import type { GrantLogRow } from "@/lib/grants/list-grants";
import { tableCsv } from "@/lib/reports/report-table";
import { EVENT_CSV_COLUMNS } from "@/lib/review/item-evidence";

// The formula-injection rule, the same for every export: each producer gets the same hostile texts in a
// text column and must write the same cells.
const HOSTILE: [string, string][] = [
  ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
  ["+1+2", "'+1+2"],
  ["-2+3", "'-2+3"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tTAB", "'\tTAB"],
  ["\uFF1D1+1", "'\uFF1D1+1"],
  ["plain, with comma", '"plain, with comma"'],
  ['say "hi"', '"say ""hi"""'],
  ["a-b=c", "a-b=c"],
];

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

/** Each export, given one hostile text, returns the CSV line its text column produced. */
const EXPORTS: Record<string, (value: string) => Promise<string[]>> = {
  "API read endpoints (toCsv)": async (v) => toCsv([{ id: "1", note: v }], ["id", "note"]).split("\r\n"),
  "grants log": async (v) => grantsToCsv([grant(v)]).split("\r\n"),
  "report tables": async (v) =>
    (await text(tableCsv({ id: "t", title: "T", columns: [{ key: "id", header: "Id" }, { key: "note", header: "Note" }], rows: [{ id: "1", note: v }] }))).split("\r\n"),
  "evidence events": async (v) => (await text(csvStream(EVENT_CSV_COLUMNS, [[eventCsvRow(event(v))]]))).split("\r\n"),
};

describe.each(Object.entries(EXPORTS))("%s", (_name, exportWith) => {
  it.each(HOSTILE)("writes %j as %j", async (value, cell) => {
    const [, line, end] = await exportWith(value);
    expect(line.includes(`,${cell},`) || line.endsWith(`,${cell}`)).toBe(true);
    expect(end).toBe("");
  });

});

it("keeps numbers, including negative ones, as numbers", () => {
  expect(csvDocument(["n"], [[-5], [1.5], [Number.NaN]])).toBe("n\r\n-5\r\n1.5\r\n\r\n");
});

function grant(name: string): GrantLogRow {
  const at = new Date("2026-11-01T00:00:00.000Z");
  return {
    id: "g1",
    requestId: "r1",
    user: { name, email: "e@example.com" },
    tool: { slug: "codex" },
    activity: { slug: "docs" },
    project: null,
    state: "live",
    validFrom: at,
    validTo: at,
    capOverrideTokens: null,
    request: { steps: [] },
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  } as unknown as GrantLogRow;
}

function event(sessionId: string): Parameters<typeof eventCsvRow>[0] {
  const at = new Date("2026-11-01T00:00:00.000Z");
  return {
    id: "e1",
    externalId: "x1",
    occurredAt: at,
    receivedAt: at,
    user: { email: "e@example.com" },
    tool: { slug: "codex" },
    project: null,
    activity: { slug: "docs" },
    inputTokens: 1,
    outputTokens: 2,
    costUsd: { toString: () => "0.5" },
    outcome: "allowed",
    reasonCodes: [],
    policyVersion: 1,
    ruleId: null,
    grantId: null,
    sessionId,
    source: "api",
  } as unknown as Parameters<typeof eventCsvRow>[0];
}
