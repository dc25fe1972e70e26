import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { toCsv, wantsCsv } from "@/lib/api/csv";
import { csvDownload } from "@/lib/csv/csv-writer";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { usageSummaryQuerySchema } from "@/lib/validation/read-api";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async (req) => {
  const query = usageSummaryQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const summary = await summarizeUsage(query);
  if (wantsCsv(req, query.format)) {
    const columns = ["key", "label", "events", "inputTokens", "outputTokens", "tokens", "costUsd", "violations", "overCapEvents"] as const;
    return csvDownload(`usage-${summary.groupBy}-${summary.from}-${summary.to}.csv`, toCsv(summary.rows, [...columns]));
  }
  return apiJson(summary);
});
