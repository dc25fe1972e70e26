import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/key-hash";
import { AppError } from "@/lib/errors";
import { noteActorForRequest } from "@/lib/logging/request-log";
import { overRateBudget } from "./rate-limit";
import "./principal";

/**
 * The auth hook for API keys: `onRequest: requireApiKey("decide")` on a route. The Bearer key must exist, not be
 * revoked and hold `scope` (401/403 otherwise, thrown as AppError for the error handler); a key over its rate
 * budget gets 429 with Retry-After. Runs on onRequest, before the body is read: nobody can make the server
 * read 10 MB without a valid key. Sets `request.principal` and names the key on the access-log line.
 */
export function requireApiKey(scope: ApiKeyScope): onRequestAsyncHookHandler {
  return async function apiKeyHook(request: FastifyRequest, reply: FastifyReply) {
    const key = await authenticateApiKey(request.headers.authorization ?? null, scope);
    // A personal token speaks only for its owner: routes that take one use requireApiKeyOrPersonalToken.
    if (key.owner) throw new AppError("forbidden", "This operation takes a gateway key, not a personal token.", 403);
    request.principal = { kind: "api_key", id: key.id, name: key.name, scopes: key.scopes };
    noteActorForRequest(request.raw, { type: "api_key", id: key.id });
    if (overRateBudget(reply, `key:${key.id}`)) return reply;
  };
}
