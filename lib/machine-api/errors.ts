import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { apiErrorBody, internalErrorAnswer, knownErrorAnswer, type ApiErrorAnswer } from "@/lib/api/error-body";
import { formatBytes } from "@/lib/api/format-bytes";
import { AppError, type FieldError } from "@/lib/errors";

// Turns what a machine route threw into the API error body (lib/api/error-body.ts, the "Error" schema of
// /api/v1/openapi.json). Internals never leave the server.

/** Sends an error body now (from a hook: `return sendApiError(reply, ...)` stops the request there). */
export function sendApiError(reply: FastifyReply, status: number, code: string, message: string, fields: FieldError[] = [], headers: Record<string, string> = {}) {
  return sendAnswer(reply, { status, body: apiErrorBody(code, message, fields), headers });
}

/** The message of a body over the route's limit. */
export function tooLargeMessage(limitBytes: number, advice = ""): string {
  return `The body is larger than ${formatBytes(limitBytes)}.${advice ? ` ${advice}` : ""}`;
}

const STATUS_CODES: Record<number, string> = { 400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable", 408: "request_timeout", 415: "unsupported_media_type" };

/** Fastify's error handler for the machine interface. */
export function machineErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  // A body refused half-read leaves the rest in the socket: close the connection after the 413.
  if ((error as { statusCode?: number; status?: number }).statusCode === 413 || (error instanceof AppError && error.status === 413)) reply.header("Connection", "close");
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({ path: v.instancePath.split("/").filter(Boolean).join(".") || "(body)", message: v.message ?? "is invalid" }));
    return sendApiError(reply, 400, "validation_failed", "The request has invalid fields.", fields);
  }
  const known = knownErrorAnswer(error);
  if (known) return sendAnswer(reply, known);
  const status = (error as FastifyError).statusCode ?? 500;
  const code = (error as FastifyError).code;
  if (status === 413) return sendApiError(reply, 413, "payload_too_large", tooLargeMessage(request.routeOptions.bodyLimit ?? 0));
  if (code === "FST_ERR_CTP_EMPTY_JSON_BODY" || code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return sendApiError(reply, 400, "invalid_json", "The body is not valid JSON.");
  }
  if (status >= 400 && status < 500) return sendApiError(reply, status, STATUS_CODES[status] ?? "bad_request", error.message);
  return sendAnswer(reply, internalErrorAnswer(error, { method: request.method, path: request.url.split("?")[0] }));
}

function sendAnswer(reply: FastifyReply, answer: ApiErrorAnswer) {
  return reply.code(answer.status).headers(answer.headers).type("application/json; charset=utf-8").send(answer.body);
}

/** An unknown machine path: the API error body, not the portal's 404 page. */
export function machineNotFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split("?")[0];
  return sendApiError(reply, 404, "not_found", `There is no ${request.method} ${path} in the machine API; see /api/v1/openapi.json.`);
}
