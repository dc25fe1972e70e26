// GET /v1/organizations/usage_report/messages (Anthropic Admin API): buckets (starting_at) of results grouped by
// api_key_id, workspace_id, model, service_tier, context_window…, with uncached_input_tokens, cache_creation
// { ephemeral_5m_input_tokens, ephemeral_1h_input_tokens }, cache_read_input_tokens and output_tokens. No cost.
import { accountRefOf, readBucketedReport, type ParserOutput, type ReportInput } from "./bucketed";

export function parseAnthropicMessagesUsage(input: ReportInput): ParserOutput {
  return readBucketedReport(input, { field: "starting_at", unix: false }, (r, day) => ({
    day,
    accountRef: accountRefOf(r, [
      ["api_key_id", "api_key"],
      ["workspace_id", "workspace"],
    ]),
    actorEmail: null,
    model: r.text("model"),
    inputTokens: r.count("uncached_input_tokens", true),
    outputTokens: r.count("output_tokens", true),
    cacheReadTokens: r.count("cache_read_input_tokens"),
    cacheWriteTokens: r.count("cache_creation.ephemeral_5m_input_tokens") + r.count("cache_creation.ephemeral_1h_input_tokens"),
    requests: null,
    costUsd: null,
    costBilled: false,
  }));
}
