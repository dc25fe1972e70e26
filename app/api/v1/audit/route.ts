import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { toCsv, wantsCsv } from "@/lib/api/csv";
import { csvDownload } from "@/lib/csv/csv-writer";
import { listAuditEntries } from "@/lib/api/list-audit-entries";
import { auditQuerySchema } from "@/lib/validation/read-api";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async (req) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await listAuditEntries(query.after, query.limit);
  if (wantsCsv(req, query.format)) {
    const columns = ["seq", "at", "actorType", "actorId", "action", "entityType", "entityId", "data", "prevHash", "hash"] as const;
    return csvDownload(`audit-after-${query.after}.csv`, toCsv(page.entries, [...columns]));
  }
  return apiJson(page);
});
