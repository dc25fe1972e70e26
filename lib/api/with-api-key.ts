import "server-only";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/key-hash";
import { errorToResponse } from "./api-error";

export type ApiContext = { apiKey: ApiKeyPrincipal };

/**
 * Wraps a /api/v1 route handler: the Bearer key must exist, not be revoked and hold `scope` (401/403
 * otherwise), and whatever the handler throws becomes the API error body, never a stack trace.
 */
export function withApiKey<P = unknown>(scope: ApiKeyScope, handler: (req: Request, ctx: ApiContext, route: P) => Promise<Response>) {
  return async (req: Request, route: P): Promise<Response> => {
    try {
      const apiKey = await authenticateApiKey(req.headers.get("authorization"), scope);
      return await handler(req, { apiKey }, route);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}
