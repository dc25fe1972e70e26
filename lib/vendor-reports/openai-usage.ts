// GET /v1/organization/usage/completions (OpenAI Administration API): pages ({ object: "page", data, has_more,
// next_page }) of buckets (start_time, Unix seconds) whose results carry input_tokens (cached included),
// input_cached_tokens, output_tokens, num_model_requests and, when grouped, project_id, user_id, api_key_id, model.
import { accountRefOf, readBucketedReport, type ParserOutput, type ReportInput } from "./bucketed";

export function parseOpenAiUsage(input: ReportInput): ParserOutput {
  return readBucketedReport(input, { field: "start_time", unix: true }, (r, day) => {
    const input_ = r.count("input_tokens", true);
    const cached = r.count("input_cached_tokens");
    if (cached > input_) r.fail("input_cached_tokens", `is more than input_tokens (${input_}), which includes the cached tokens`);
    const requests = r.count("num_model_requests");
    return {
      day,
      accountRef: accountRefOf(r, [
        ["api_key_id", "api_key"],
        ["project_id", "project"],
        ["user_id", "user"],
      ]),
      actorEmail: null,
      model: r.text("model"),
      inputTokens: cached > input_ ? 0n : input_ - cached,
      outputTokens: r.count("output_tokens", true),
      cacheReadTokens: cached,
      cacheWriteTokens: 0n,
      requests: Number(requests),
      costUsd: null,
      costBilled: false,
    };
  });
}
