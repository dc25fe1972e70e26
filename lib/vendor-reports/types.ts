// The normalized shape every vendor report parser produces, and the kinds of report Guardrail reads.
// Pure module (no database, no zod): the upload form, the API route and the import share it.

export const REPORT_KINDS = ["anthropic_messages_usage", "anthropic_cost", "anthropic_claude_code", "openai_usage", "openai_costs", "google_billing"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The catalog vendor (Vendor.slug) each kind of report comes from. */
export const KIND_VENDOR: Record<ReportKind, string> = {
  anthropic_messages_usage: "anthropic",
  anthropic_cost: "anthropic",
  anthropic_claude_code: "anthropic",
  openai_usage: "openai",
  openai_costs: "openai",
  google_billing: "google",
};

export const KIND_LABEL: Record<ReportKind, string> = {
  anthropic_messages_usage: "Anthropic messages usage report",
  anthropic_cost: "Anthropic cost report",
  anthropic_claude_code: "Claude Code usage analytics",
  openai_usage: "OpenAI completions usage",
  openai_costs: "OpenAI costs",
  google_billing: "Google Cloud billing export (Gemini)",
};

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

export type ReportFormat = "json" | "csv";

/**
 * One source record as a parser reads it, before rows of the same bucket are added up. Tokens: inputTokens are
 * input tokens not read from a cache (OpenAI's input_tokens minus input_cached_tokens), cacheReadTokens those read
 * from a cache, cacheWriteTokens those written to one. costUsd is a scaled decimal (money.ts), null when the
 * report states no cost; costBilled tells a billed amount from the vendor's own estimate.
 */
export type SourceRow = {
  day: string; // YYYY-MM-DD (UTC)
  accountRef: string; // "" when the report names no account, else "<kind>:<id>" (api_key:…, workspace:…, project:…)
  actorEmail: string | null; // lower-cased
  model: string;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  requests: number | null;
  costUsd: bigint | null;
  costBilled: boolean;
};

/** One bucket to store: the sum of the source rows sharing day, account, person and model. */
export type VendorRow = SourceRow & { rowKey: string; sources: number };

/** A problem in the file: where (a CSV line, or a page and JSON path) and which field. */
export type RowError = { row: string; field: string; message: string };

export type ParsedReport = {
  kind: ReportKind;
  vendorSlug: string;
  format: ReportFormat;
  pages: number;
  rows: VendorRow[];
  /** source records read (before buckets were added up) and records left out on purpose (e.g. non-Gemini billing rows) */
  sourceCount: number;
  skipped: number;
  periodStart: string;
  periodEnd: string;
};

export type ParseOutcome = { ok: true; report: ParsedReport } | { ok: false; errors: RowError[]; kind: ReportKind | null };
