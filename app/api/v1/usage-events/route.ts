import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { readBodyText } from "@/lib/api/read-body";
import { parseEventsBody } from "@/lib/api/parse-events-body";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { withIngestSlot } from "@/lib/usage/ingest-gate";
import { MAX_BODY_BYTES } from "@/lib/validation/usage-event";

export const dynamic = "force-dynamic";

export const POST = withApiKey("ingest", async (req, { apiKey }) => {
  const result = await withIngestSlot(async () => {
    const events = parseEventsBody(await readBodyText(req, MAX_BODY_BYTES, "Nothing was stored; send smaller batches."), req.headers.get("content-type"));
    return ingestUsageEvents(events, { apiKeyId: apiKey.id });
  });
  return apiJson(result);
});
