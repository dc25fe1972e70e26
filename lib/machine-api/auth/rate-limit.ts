import type { FastifyReply } from "fastify";
import { takeRateBudget } from "@/lib/security/rate-limit";
import { sendApiError } from "../errors";

/**
 * Takes one request from a caller's budget (per credential, per process: see lib/security/rate-limit.ts).
 * Over budget: sends the 429 with Retry-After and returns true (the hook then stops the request).
 */
export function overRateBudget(reply: FastifyReply, bucket: string): boolean {
  const decision = takeRateBudget(bucket);
  if (decision.allowed) return false;
  sendApiError(reply, 429, "rate_limited", `Too many requests; retry after ${decision.retryAfterSeconds} s.`, [], {
    "Retry-After": String(decision.retryAfterSeconds),
  });
  return true;
}
