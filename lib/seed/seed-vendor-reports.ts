import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { importVendorReport, type ImportVendorReportOutcome } from "@/lib/vendor-reports/import-vendor-report";
import { parseVendorReport } from "@/lib/vendor-reports/parse-vendor-report";

// The demo's vendor data: two of the documented fixtures (tests/fixtures/vendor-reports), moved in time so their
// last day is the seed's yesterday, imported through the same use case as an upload. The Claude Code report names
// engineer@ and manager@ (seeded people); the messages usage report names API keys and workspaces to map.
const FIXTURES = ["anthropic-claude-code.pages.json", "anthropic-messages-usage.pages.jsonl"];
const FIXTURE_DIR = path.join(import.meta.dirname, "../../tests/fixtures/vendor-reports");
const DAY_MS = 86_400_000;

/** The report's text with every date moved by the same number of days, so that the last day it covers is `lastDay`. */
export function shiftReportDates(text: string, lastDay: string): string {
  const parsed = parseVendorReport(text);
  if (!parsed.ok) throw new Error(`demo vendor report does not parse: ${JSON.stringify(parsed.errors[0])}`);
  const shift = Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${parsed.report.periodEnd}T00:00:00Z`);
  return text.replace(/\d{4}-\d{2}-\d{2}/g, (d) => new Date(Date.parse(`${d}T00:00:00Z`) + shift).toISOString().slice(0, 10));
}

export async function seedVendorReports(anchor: Date): Promise<ImportVendorReportOutcome[]> {
  const yesterday = new Date(anchor.getTime() - DAY_MS).toISOString().slice(0, 10);
  const outcomes: ImportVendorReportOutcome[] = [];
  for (const name of FIXTURES) {
    const text = shiftReportDates(readFileSync(path.join(FIXTURE_DIR, name), "utf8"), yesterday);
    outcomes.push(await importVendorReport(SYSTEM_ACTOR, { text, fileName: `demo-${name}` }));
  }
  return outcomes;
}
