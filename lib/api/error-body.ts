import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, zodFieldErrors, type FieldError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";

// The API error body, one builder for the machine interface (Fastify) and the portal's downloads (Web Responses):
// { "error": { "code", "message", "fields": [{ "path", "message" }] } } — the "Error" schema of /api/v1/openapi.json.
// Internals never leave the server.

export type ApiErrorBody = { error: { code: string; message: string; fields: FieldError[] } };
export type ApiErrorAnswer = { status: number; body: ApiErrorBody; headers: Record<string, string> };

export function apiErrorBody(code: string, message: string, fields: FieldError[] = []): ApiErrorBody {
  return { error: { code, message, fields } };
}

/** The answer to what a handler threw, if it is one of ours (AppError) or a validation error; null otherwise. */
export function knownErrorAnswer(error: unknown): ApiErrorAnswer | null {
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="guardrail"' } : {};
    return { status: error.status, body: apiErrorBody(error.code, error.message, error.fields), headers };
  }
  if (error instanceof ZodError) {
    return { status: 400, body: apiErrorBody("validation_failed", "The request has invalid fields.", zodFieldErrors(error.issues)), headers: {} };
  }
  return null;
}

/** Logs an unexpected error under a fresh reference and answers 500 naming only that reference. */
export function internalErrorAnswer(error: unknown, context: Record<string, unknown> = {}): ApiErrorAnswer {
  const ref = randomUUID();
  logger.error({ err: error, ref, ...context }, `api error ${ref}`);
  return { status: 500, body: apiErrorBody("internal_error", `Something went wrong on our side (reference ${ref}). Nothing was changed by this request.`), headers: {} };
}
