import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { csvResponse, toCsv, wantsCsv } from "@/lib/api/csv";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { usageSummaryQuerySchema } from "@/lib/validation/read-api";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async (req) => {
  const query = usageSummaryQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const summary = await summarizeUsage(query);
  if (wantsCsv(req, query.format)) {
    const columns = ["key", "label", "events", "inputTokens", "outputTokens", "tokens", "costUsd", "violations", "overCapEvents"] as const;
    return csvResponse(toCsv(summary.rows, [...columns]), `usage-${summary.groupBy}-${summary.from}-${summary.to}.csv`);
  }
  return apiJson(summary);
});
