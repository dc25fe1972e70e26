import "server-only";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/key-hash";
import { noteRequestActor, withRequestLog } from "@/lib/logging/request-log";
import { limitApiKey } from "@/lib/security/rate-limit";
import { errorToResponse } from "./api-error";

export type ApiContext = { apiKey: ApiKeyPrincipal };

/**
 * Wraps a /api/v1 route handler: the Bearer key must exist, not be revoked and hold `scope` (401/403
 * otherwise), a key over its rate budget gets 429 with Retry-After, whatever the handler throws becomes the
 * API error body (never a stack trace), and every request writes one JSON log line naming the key's id.
 */
export function withApiKey<P = unknown>(scope: ApiKeyScope, handler: (req: Request, ctx: ApiContext, route: P) => Promise<Response>) {
  return withRequestLog(async (req: Request, route: P): Promise<Response> => {
    try {
      const apiKey = await authenticateApiKey(req.headers.get("authorization"), scope);
      noteRequestActor({ type: "api_key", id: apiKey.id });
      const limited = limitApiKey(apiKey.id);
      if (limited) return limited;
      return await handler(req, { apiKey }, route);
    } catch (error) {
      return errorToResponse(error);
    }
  });
}
