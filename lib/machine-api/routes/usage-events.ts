import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { parseEventsBody } from "@/lib/api/parse-events-body";
import { queueUsageEvents } from "@/lib/usage/ingest-group";
import { withIngestSlot } from "@/lib/usage/ingest-gate";
import { recordIngestBatch, secondsSince } from "@/lib/metrics/metrics";
import { ingestResultSchema, MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, usageEventSchema } from "@/lib/validation/usage-event";
import { assertEventsSpeakFor } from "@/lib/api-keys/personal-tokens";
import { requireApiKeyOrPersonalToken, toolCallerOf } from "../auth/personal-token";
import { rawBodies, readRawBody } from "../body";
import { authErrors, badRequest, okResponse, tooLarge } from "../schemas";

/** POST /api/v1/usage-events (operation `ingestUsageEvents` in /api/v1/openapi.json; README "Machine API"): a JSON array or NDJSON of usage events, answered per line. */
export const usageEventRoutes: FastifyPluginAsyncZod = async (app) => {
  rawBodies(app);
  app.post("/usage-events", {
    onRequest: requireApiKeyOrPersonalToken("ingest"),
    // The body schema documents the request; lines are validated one by one by ingestion (a bad line is
    // reported, the good ones are stored), so Fastify must not refuse the body as a whole.
    validatorCompiler: () => (value) => ({ value }),
    schema: {
      operationId: "ingestUsageEvents",
      summary: "Ingest usage events (JSON array or NDJSON)",
      description: `At most ${MAX_EVENTS_PER_REQUEST} events and 10 MB per request. The event id is the idempotency key: an id stored before is a duplicate and changes nothing. Valid lines are stored even when others are rejected.`,
      "x-scope": "ingest",
      body: {
        content: {
          "application/json": { schema: z.array(usageEventSchema).max(MAX_EVENTS_PER_REQUEST) },
          "application/x-ndjson": { schema: usageEventSchema },
        },
      },
      response: {
        ...okResponse(ingestResultSchema, "Per-line results."),
        ...badRequest("The body is not JSON or NDJSON at all."),
        ...authErrors,
        ...tooLarge("More than 10,000 events or 10 MB: nothing was stored."),
      },
    },
    handler: async (request) => {
      const apiKey = toolCallerOf(request);
      let start = process.hrtime.bigint();
      // The slot covers reading and validating the body until the request is queued for the next group (a promise
      // inside an object, so the slot is not held until it settles).
      const pending = await withIngestSlot(async () => {
        start = process.hrtime.bigint();
        const text = (await readRawBody(request.raw, MAX_BODY_BYTES)).toString("utf8");
        const events = parseEventsBody(text, request.headers["content-type"] ?? null);
        assertEventsSpeakFor(apiKey, events);
        const queued = queueUsageEvents(events, { apiKeyId: apiKey.id });
        await queued.queued;
        return { stored: queued.result };
      });
      const result = await pending.stored;
      recordIngestBatch(result, secondsSince(start));
      return result;
    },
  });
};
