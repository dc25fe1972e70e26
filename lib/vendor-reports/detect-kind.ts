// Which report a file is, from its content: the JSON fields of the first result, or the CSV header.
import { isObject } from "./read-input";
import type { ReportKind } from "./types";

function firstOf(values: unknown[], pick: (page: Record<string, unknown>) => unknown): Record<string, unknown> | null {
  for (const page of values) {
    if (!isObject(page)) continue;
    const found = pick(page);
    if (isObject(found)) return found;
  }
  return null;
}

export function detectJsonKind(values: unknown[]): ReportKind | null {
  const firstBucket = firstOf(values, (p) => (Array.isArray(p.data) ? p.data.find(isObject) : undefined));
  if (!firstBucket) {
    // No pages: rows of a billing export.
    const row = firstOf(values, (p) => p);
    if (row && ("usage_start_time" in row || ("service" in row && "sku" in row))) return "google_billing";
    return null;
  }
  if ("actor" in firstBucket || "model_breakdown" in firstBucket) return "anthropic_claude_code";
  const result = firstOf(values, (p) => {
    for (const b of Array.isArray(p.data) ? p.data : []) if (isObject(b) && Array.isArray(b.results) && isObject(b.results[0])) return b.results[0];
    return undefined;
  });
  if (!result) return null;
  if (result.object === "organization.usage.completions.result") return "openai_usage";
  if (result.object === "organization.costs.result") return "openai_costs";
  if ("start_time" in firstBucket) return "amount" in result ? "openai_costs" : "input_tokens" in result ? "openai_usage" : null;
  if ("starting_at" in firstBucket) return "uncached_input_tokens" in result ? "anthropic_messages_usage" : "amount" in result ? "anthropic_cost" : null;
  return null;
}

export function detectCsvKind(headers: string[]): ReportKind | null {
  const h = new Set(headers);
  if (h.has("usage_start_time") || h.has("service.description")) return "google_billing";
  if (h.has("uncached_input_tokens")) return "anthropic_messages_usage";
  if (h.has("actor.type") || h.has("tokens.input")) return "anthropic_claude_code";
  if (h.has("starting_at") && h.has("amount")) return "anthropic_cost";
  if (h.has("num_model_requests") || (h.has("start_time") && h.has("input_tokens"))) return "openai_usage";
  if (h.has("amount.value")) return "openai_costs";
  return null;
}
