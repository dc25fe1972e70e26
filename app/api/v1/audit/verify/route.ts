import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { verifyAuditChain } from "@/lib/audit/verify-audit";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async () => apiJson(await verifyAuditChain()));
