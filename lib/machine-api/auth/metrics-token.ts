import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { env } from "@/lib/env";
import { machineNotFoundHandler, sendApiError } from "../errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function isMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return !!match && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * GET /metrics is off unless METRICS_TOKEN is set (then it answers 404 like any unknown path), and with it set
 * takes only `Authorization: Bearer <METRICS_TOKEN>` (API keys and sessions do not count).
 */
export async function requireMetricsToken(request: FastifyRequest, reply: FastifyReply) {
  const token = env.METRICS_TOKEN;
  if (!token) return machineNotFoundHandler(request, reply);
  if (!isMetricsToken(request.headers.authorization, token)) {
    return sendApiError(reply, 401, "unauthorized", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.", [], { "WWW-Authenticate": 'Bearer realm="guardrail-metrics"' });
  }
}
