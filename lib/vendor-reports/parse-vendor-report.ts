// One entry point from a file's text to the rows to store: reads JSON or CSV, finds the kind of report (or takes
// the one given), runs that report's parser, and adds up the records of each bucket. Pure: no database.
import { parseAnthropicClaudeCode } from "./anthropic-claude-code";
import { parseAnthropicCost } from "./anthropic-cost";
import { parseAnthropicMessagesUsage } from "./anthropic-messages-usage";
import type { ParserOutput, ReportInput } from "./bucketed";
import { detectCsvKind, detectJsonKind } from "./detect-kind";
import { parseGoogleBilling } from "./google-billing";
import { parseOpenAiCosts } from "./openai-costs";
import { parseOpenAiUsage } from "./openai-usage";
import { looksLikeJson, readCsvRecords, readJsonValues } from "./read-input";
import { KIND_LABEL, KIND_VENDOR, REPORT_KINDS, type ParseOutcome, type ReportKind, type RowError, type SourceRow, type VendorRow } from "./types";

const PARSERS: Record<ReportKind, (input: ReportInput) => ParserOutput> = {
  anthropic_messages_usage: parseAnthropicMessagesUsage,
  anthropic_cost: parseAnthropicCost,
  anthropic_claude_code: parseAnthropicClaudeCode,
  openai_usage: parseOpenAiUsage,
  openai_costs: parseOpenAiCosts,
  google_billing: parseGoogleBilling,
};

/** At most this many errors are listed: a file wrong throughout says so in its first lines. */
export const MAX_LISTED_ERRORS = 200;

export type ParseOptions = { kind?: ReportKind; vendor?: string };

const fileError = (message: string, field = "(file)"): RowError => ({ row: "(file)", field, message });

/** The identity of a bucket: overlapping reports of one kind write the same bucket once. */
export function rowKeyOf(row: Pick<SourceRow, "day" | "accountRef" | "actorEmail" | "model">): string {
  return [row.day, row.accountRef, row.actorEmail ?? "", row.model].join("|");
}

export function bucketRows(rows: SourceRow[]): VendorRow[] {
  const buckets = new Map<string, VendorRow>();
  for (const row of rows) {
    const key = rowKeyOf(row);
    const b = buckets.get(key);
    if (!b) {
      buckets.set(key, { ...row, rowKey: key, sources: 1 });
      continue;
    }
    b.inputTokens += row.inputTokens;
    b.outputTokens += row.outputTokens;
    b.cacheReadTokens += row.cacheReadTokens;
    b.cacheWriteTokens += row.cacheWriteTokens;
    b.requests = b.requests === null && row.requests === null ? null : (b.requests ?? 0) + (row.requests ?? 0);
    b.costUsd = b.costUsd === null && row.costUsd === null ? null : (b.costUsd ?? 0n) + (row.costUsd ?? 0n);
    b.sources++;
  }
  return [...buckets.values()].sort((a, b) => a.rowKey.localeCompare(b.rowKey));
}

export function parseVendorReport(text: string, options: ParseOptions = {}): ParseOutcome {
  if (!text.trim()) return { ok: false, kind: null, errors: [fileError("The file is empty.")] };
  const format = looksLikeJson(text) ? "json" : "csv";
  let input: ReportInput;
  let detected: ReportKind | null;
  let pages = 1;
  if (format === "json") {
    const read = readJsonValues(text);
    if ("error" in read) return { ok: false, kind: null, errors: [read.error] };
    input = { format, values: read.values };
    detected = detectJsonKind(read.values);
    pages = read.values.length;
  } else {
    const read = readCsvRecords(text);
    if ("error" in read) return { ok: false, kind: null, errors: [read.error] };
    input = { format, records: read.records };
    detected = detectCsvKind(read.headers);
  }
  const kind = options.kind ?? detected;
  if (!kind) {
    return {
      ok: false,
      kind: null,
      errors: [fileError(`Not a vendor report Guardrail recognises (${format.toUpperCase()}). Choose its kind: ${REPORT_KINDS.map((k) => KIND_LABEL[k]).join(", ")}.`, "kind")],
    };
  }
  if (options.vendor && options.vendor !== KIND_VENDOR[kind]) {
    return { ok: false, kind, errors: [fileError(`A ${KIND_LABEL[kind]} comes from ${KIND_VENDOR[kind]}, not ${options.vendor}.`, "vendor")] };
  }
  const out = PARSERS[kind](input);
  if (out.errors.length) return { ok: false, kind, errors: out.errors.slice(0, MAX_LISTED_ERRORS) };
  if (!out.rows.length) {
    const why = out.skipped ? ` (${out.skipped} record${out.skipped === 1 ? "" : "s"} left out: no Gemini usage, or no model breakdown)` : "";
    return { ok: false, kind, errors: [fileError(`The report has no usage rows${why}: there is nothing to import.`)] };
  }
  const rows = bucketRows(out.rows);
  const days = rows.map((r) => r.day).sort();
  return {
    ok: true,
    report: { kind, vendorSlug: KIND_VENDOR[kind], format, pages: format === "json" ? pages : 1, rows, sourceCount: out.rows.length, skipped: out.skipped, periodStart: days[0], periodEnd: days[days.length - 1] },
  };
}
