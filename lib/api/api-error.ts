import "server-only";
import type { FieldError } from "@/lib/errors";
import { apiErrorBody, internalErrorAnswer, knownErrorAnswer } from "./error-body";

// Web Response answers for the portal's route handlers (downloads, the sign-in rate limiter); the body is built by
// ./error-body.ts, shared with the machine interface.

/**
 * API answers are never cached, and never gzipped by the server (no-transform): they are small, and
 * compressing each one cost the decision path more CPU than anything else.
 */
export const API_HEADERS = { "Cache-Control": "no-store, no-transform" } as const;

export function apiJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}

export function apiErrorResponse(code: string, message: string, status: number, fields: FieldError[] = [], headers?: Record<string, string>): Response {
  return apiJson(apiErrorBody(code, message, fields), status, headers);
}

export function errorToResponse(error: unknown): Response {
  const answer = knownErrorAnswer(error) ?? internalErrorAnswer(error);
  return apiJson(answer.body, answer.status, answer.headers);
}
