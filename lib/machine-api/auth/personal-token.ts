import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { authenticateApiKey, type KeyOwner } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/lib/api-keys/key-hash";
import { noteActorForRequest } from "@/lib/logging/request-log";
import { overRateBudget } from "./rate-limit";
import "./principal";

/**
 * The auth hook for routes a person's own tools call (tool telemetry, hooks, and the gateway routes a personal
 * token may use): `onRequest: requireApiKeyOrPersonalToken("ingest")`. A gateway key (no owner) becomes an
 * `api_key` principal that speaks for anyone; a personal token becomes a `personal_token` principal that speaks
 * only for its owner (the handler checks what the call names against it). Same 401/403/429 as requireApiKey.
 */
export function requireApiKeyOrPersonalToken(scope: ApiKeyScope): onRequestAsyncHookHandler {
  return async function apiKeyOrPersonalTokenHook(request: FastifyRequest, reply: FastifyReply) {
    const key = await authenticateApiKey(request.headers.authorization ?? null, scope);
    request.principal = key.owner
      ? { kind: "personal_token", id: key.id, name: key.name, scopes: key.scopes, owner: key.owner }
      : { kind: "api_key", id: key.id, name: key.name, scopes: key.scopes };
    noteActorForRequest(request.raw, { type: "api_key", id: key.id });
    if (overRateBudget(reply, `key:${key.id}`)) return reply;
  };
}

/** The caller of a route behind requireApiKeyOrPersonalToken: its key id, and its owner when it is a personal token. */
export function toolCallerOf(request: FastifyRequest): { id: string; owner: KeyOwner | null } {
  const p = request.principal;
  if (p?.kind === "personal_token") return { id: p.id, owner: p.owner };
  if (p?.kind === "api_key") return { id: p.id, owner: null };
  throw new Error("this route has no API key or personal token auth hook");
}
