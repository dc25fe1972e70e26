import { z } from "zod";
import { env } from "@/lib/env";
import { decisionRequestSchema, decisionResponseSchema } from "@/lib/validation/decision";
import { ingestResultSchema, MAX_EVENTS_PER_REQUEST, usageEventSchema } from "@/lib/validation/usage-event";
import { auditPageSchema, auditQuerySchema, auditVerifySchema, usageSummaryQuerySchema, usageSummarySchema } from "@/lib/validation/read-api";
import { API_KEY_SCOPES } from "@/lib/api-keys/key-hash";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers parse with, so the
// document cannot drift from what the code accepts.

type Json = { [k: string]: unknown };
type Components = Record<string, Json>;

/** A schema as JSON Schema; named schemas (meta id) go to components and are referenced. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Components): Json {
  const js = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  delete js.$schema;
  const defs = (js.$defs ?? {}) as Components;
  delete js.$defs;
  const fixRefs = (v: Json): Json => JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries(defs)) components[name] ??= fixRefs(def);
  return fixRefs(js);
}

function queryParameters(schema: z.ZodType): Json[] {
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: "query", required: js.required?.includes(name) ?? false, description, schema: rest };
  });
}

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "unauthorized, forbidden, validation_failed, invalid_json, payload_too_large, not_found, internal_error" }),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: "Error" });

let cached: Json | null = null;

export function buildOpenApiDocument(): Json {
  if (cached) return cached;
  const components: Components = {};
  const error = (description: string) => ({ description, content: { "application/json": { schema: schemaOf(errorBody, "output", components) } } });
  const auth = {
    "401": error("Missing, unknown or revoked API key."),
    "403": error("The key lacks the scope this endpoint needs."),
  };
  const ok = (schema: z.ZodType, description: string, csv = false) => ({
    description,
    content: {
      "application/json": { schema: schemaOf(schema, "output", components) },
      ...(csv ? { "text/csv": { schema: { type: "string" } } } : {}),
    },
  });
  const eventSchema = schemaOf(usageEventSchema, "input", components);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Guardrail machine API",
      version: "1",
      description:
        "For AI gateways and tool telemetry. Authenticate with `Authorization: Bearer <api key>`; keys carry the scopes " +
        `${API_KEY_SCOPES.join(", ")}. Errors always have the body { error: { code, message, fields } }.`,
    },
    servers: [{ url: `${env.publicUrl}/api/v1` }],
    security: [{ bearer: [] }],
    paths: {
      "/decisions": {
        post: {
          summary: "May this person use this tool for this activity on this project now?",
          description:
            "Fails closed: an unknown user, tool or project is a deny with its reason. With estimatedTokens, an allow reserves them against every cap that governs the tool (the monthly cap for external tools; the in-house cap, where set, for the in-house assistant; the tool's own cap, where set) until the matching usage arrives or the reservation times out. The answer's `cap` is always the monthly cap on external tools (`applies` says whether it governs the tool asked about); `inHouseCap` and `toolCap` show the optional separate caps.",
          "x-scope": "decide",
          requestBody: { required: true, content: { "application/json": { schema: schemaOf(decisionRequestSchema, "input", components) } } },
          responses: { "200": ok(decisionResponseSchema, "The decision."), "400": error("Malformed body: the fields name what is wrong."), ...auth },
        },
      },
      "/usage-events": {
        post: {
          summary: "Ingest usage events (JSON array or NDJSON)",
          description: `At most ${MAX_EVENTS_PER_REQUEST} events and 10 MB per request. The event id is the idempotency key: an id stored before is a duplicate and changes nothing. Valid lines are stored even when others are rejected.`,
          "x-scope": "ingest",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { type: "array", maxItems: MAX_EVENTS_PER_REQUEST, items: eventSchema } },
              "application/x-ndjson": { schema: eventSchema, description: "One event per line." },
            },
          },
          responses: {
            "200": ok(ingestResultSchema, "Per-line results."),
            "400": error("The body is not JSON or NDJSON at all."),
            ...auth,
            "413": error("More than 10,000 events or 10 MB: nothing was stored."),
          },
        },
      },
      "/usage/summary": {
        get: {
          summary: "Usage totals from the daily rollups",
          "x-scope": "read",
          parameters: queryParameters(usageSummaryQuerySchema),
          responses: { "200": ok(usageSummarySchema, "Totals per group (CSV with Accept: text/csv or format=csv).", true), "400": error("Bad query."), ...auth },
        },
      },
      "/audit": {
        get: {
          summary: "The audit log in sequence order",
          "x-scope": "read",
          parameters: queryParameters(auditQuerySchema),
          responses: { "200": ok(auditPageSchema, "A page of entries (CSV with Accept: text/csv or format=csv).", true), "400": error("Bad query."), ...auth },
        },
      },
      "/audit/verify": {
        get: {
          summary: "Recompute the audit hash chain",
          "x-scope": "read",
          responses: { "200": ok(auditVerifySchema, "ok, or the first broken entry."), ...auth },
        },
      },
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key created on the API keys page." } }, schemas: components },
  };
  return cached;
}
