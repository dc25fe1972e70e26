import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, zodFieldErrors, type FieldError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";

// The one place that turns what a handler threw into the API error body (the "Error" schema of the OpenAPI
// document at /api/v1/openapi.json, built by lib/machine-api (Fastify) for /api/v1):
// { "error": { "code", "message", "fields": [{ "path", "message" }] } }. Internals never leave the server.

/**
 * API answers are never cached, and never gzipped by the server (no-transform): they are small, and
 * compressing each one cost the decision path more CPU than anything else.
 */
export const API_HEADERS = { "Cache-Control": "no-store, no-transform" } as const;

export function apiJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}

export function apiErrorResponse(code: string, message: string, status: number, fields: FieldError[] = [], headers?: Record<string, string>): Response {
  return apiJson({ error: { code, message, fields } }, status, headers);
}

export function errorToResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="guardrail"' } : {};
    return apiErrorResponse(error.code, error.message, error.status, error.fields, headers);
  }
  if (error instanceof ZodError) {
    return apiErrorResponse("validation_failed", "The request has invalid fields.", 400, zodFieldErrors(error.issues));
  }
  const ref = randomUUID();
  logger.error({ err: error, ref }, `api error ${ref}`);
  return apiErrorResponse("internal_error", `Something went wrong on our side (reference ${ref}). Nothing was changed by this request.`, 500);
}
