// GET /v1/organizations/cost_report (Anthropic Admin API): buckets (starting_at) of results with amount — a decimal
// string in the currency's lowest unit (cents for USD) — currency, workspace_id, description, cost_type, model,
// token_type… One result per cost line: the lines of a day, workspace and model are added up into one bucket.
import { accountRefOf, readBucketedReport, type ParserOutput, type ReportInput } from "./bucketed";
import { centsToDollars } from "./money";

export function parseAnthropicCost(input: ReportInput): ParserOutput {
  return readBucketedReport(input, { field: "starting_at", unix: false }, (r, day) => {
    r.usd("currency");
    const cents = r.decimal("amount");
    return {
      day,
      accountRef: accountRefOf(r, [["workspace_id", "workspace"]]),
      actorEmail: null,
      model: r.text("model"),
      inputTokens: 0n,
      outputTokens: 0n,
      cacheReadTokens: 0n,
      cacheWriteTokens: 0n,
      requests: null,
      costUsd: cents === null ? null : centsToDollars(cents),
      costBilled: true,
    };
  });
}
