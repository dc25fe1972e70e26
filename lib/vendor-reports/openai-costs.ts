// GET /v1/organization/costs (OpenAI Administration API): pages of daily buckets (start_time, Unix seconds) whose
// results carry amount { value, currency } (currency lower-case ISO 4217, "usd") and, when grouped, project_id
// and line_item. The line item (e.g. a model and direction) is kept as the row's model.
import { accountRefOf, readBucketedReport, type ParserOutput, type ReportInput } from "./bucketed";

export function parseOpenAiCosts(input: ReportInput): ParserOutput {
  return readBucketedReport(input, { field: "start_time", unix: true }, (r, day) => {
    r.usd("amount.currency");
    return {
      day,
      accountRef: accountRefOf(r, [["project_id", "project"]]),
      actorEmail: null,
      model: r.text("line_item"),
      inputTokens: 0n,
      outputTokens: 0n,
      cacheReadTokens: 0n,
      cacheWriteTokens: 0n,
      requests: null,
      costUsd: r.decimal("amount.value"),
      costBilled: true,
    };
  });
}
