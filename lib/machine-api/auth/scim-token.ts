import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { noteActorForRequest } from "@/lib/logging/request-log";
import { authenticateScimToken } from "@/lib/scim/authenticate-scim-token";
import { SCIM_CONTENT_TYPE } from "@/lib/scim/scim-error";
import { scimErrorReply } from "@/lib/scim/scim-endpoints";
import { prisma } from "@/lib/db/client";
import { overRateBudget } from "./rate-limit";
import "./principal";

/**
 * The auth hook for SCIM tokens (/scim/v2): a live API key holding the scim scope, else a 401/403 SCIM error body
 * (RFC 7644 §3.12), before the body is read. Sets `request.principal` and names the token on the access-log line.
 */
export function requireScimToken(): onRequestAsyncHookHandler {
  return async function scimTokenHook(request: FastifyRequest, reply: FastifyReply) {
    let actor;
    try {
      actor = await authenticateScimToken(request.headers.authorization);
    } catch (e) {
      const answer = scimErrorReply(e);
      return reply.code(answer.status).header("Content-Type", SCIM_CONTENT_TYPE).send(JSON.stringify(answer.body));
    }
    const key = await prisma.apiKey.findUnique({ where: { id: actor.id! }, select: { name: true } });
    request.principal = { kind: "scim_token", id: actor.id!, name: key?.name ?? "" };
    noteActorForRequest(request.raw, { type: "api_key", id: actor.id! });
    if (overRateBudget(reply, `key:${actor.id}`)) return reply;
  };
}
