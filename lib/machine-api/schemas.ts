import { z } from "zod";

// Schemas shared by the machine routes' OpenAPI entries: the error body and the errors every route documents.

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({
        description: "unauthorized, forbidden, validation_failed, invalid_json, payload_too_large, rate_limited, not_found, internal_error",
      }),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: "Error" });

const error = (description: string) => ({ description, content: { "application/json": { schema: errorBodySchema } } });

/** 401, 403 and 429: what any route behind a credential answers. */
export const authErrors = {
  401: error("Missing, unknown or revoked credential (`Authorization: Bearer <key>`)."),
  403: error("The credential lacks the scope this operation needs."),
  429: error("This credential is over its rate budget; the Retry-After header says when to retry (seconds)."),
} as const;

export const badRequest = (description: string) => ({ 400: error(description) });
export const tooLarge = (description: string) => ({ 413: error(description) });

/** A 200 with a JSON body, and optionally its CSV variant (Accept: text/csv or format=csv). */
export function okResponse(schema: z.ZodType, description: string, csv = false) {
  return {
    200: {
      description,
      content: { "application/json": { schema }, ...(csv ? { "text/csv": { schema: z.string() } } : {}) },
    },
  };
}
