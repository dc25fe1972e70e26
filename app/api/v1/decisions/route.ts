import { apiJson } from "@/lib/api/api-error";
import { withApiKey } from "@/lib/api/with-api-key";
import { readJsonBody } from "@/lib/api/read-body";
import { decide } from "@/lib/usage/decide";
import { decisionRequestSchema } from "@/lib/validation/decision";

export const dynamic = "force-dynamic";

export const POST = withApiKey("decide", async (req) => {
  const body = decisionRequestSchema.parse(await readJsonBody(req));
  return apiJson(await decide(body, { reserve: true }));
});
