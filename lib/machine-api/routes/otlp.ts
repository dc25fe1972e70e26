import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { handleOtlpLogs } from "@/lib/otlp/handle-otlp-logs";
import { withIngestSlot } from "@/lib/usage/ingest-gate";
import { MAX_BODY_BYTES } from "@/lib/validation/usage-event";
import { requireApiKeyOrPersonalToken, toolCallerOf } from "../auth/personal-token";
import { rawBodies, readRawBody } from "../body";
import { authErrors, badRequest, errorBodySchema, tooLarge } from "../schemas";

const exportLogsResponse = z
  .object({
    partialSuccess: z
      .object({
        rejectedLogRecords: z.string().meta({ description: "How many log records could not be used (int64, as a decimal string)." }),
        errorMessage: z.string(),
      })
      .optional(),
  })
  .meta({ id: "ExportLogsServiceResponse" });

/** POST /otlp/v1/logs: the OTLP/HTTP logs receiver for Claude Code's, Codex's and Gemini CLI's telemetry. */
export const otlpRoutes: FastifyPluginAsyncZod = async (app) => {
  rawBodies(app);
  app.post("/v1/logs", {
    onRequest: requireApiKeyOrPersonalToken("ingest"),
    validatorCompiler: () => (value) => ({ value }),
    schema: {
      operationId: "exportLogs",
      summary: "OTLP/HTTP logs receiver (tool telemetry)",
      description:
        "An OTLP ExportLogsServiceRequest as application/json or application/x-protobuf, optionally gzip (Content-Encoding). Model-call events of Claude Code (claude_code.api_request), Codex (codex.sse_event, response.completed) and Gemini CLI (gemini_cli.api_response) become usage events through the same ingestion as /api/v1/usage-events; other events are acknowledged and dropped. Records that cannot be used are counted in partialSuccess. A personal token may only send its owner's telemetry (403).",
      "x-scope": "ingest",
      body: { content: { "application/json": { schema: z.object({ resourceLogs: z.array(z.unknown()) }) }, "application/x-protobuf": { schema: z.string().meta({ format: "binary" }) } } },
      response: {
        200: { description: "Accepted; partialSuccess names what could not be used. Encoded like the request.", content: { "application/json": { schema: exportLogsResponse }, "application/x-protobuf": { schema: z.string().meta({ format: "binary" }) } } },
        ...badRequest("The body cannot be decoded (not OTLP JSON or protobuf, or broken gzip)."),
        ...authErrors,
        ...tooLarge("Over 10 MB (also once decompressed) or over 10,000 usage records: nothing was stored."),
        415: { description: "Another Content-Type or Content-Encoding.", content: { "application/json": { schema: errorBodySchema } } },
      },
    },
    handler: async (request, reply) => {
      const caller = toolCallerOf(request);
      const answer = await withIngestSlot(async () => {
        const body = await readRawBody(request.raw, MAX_BODY_BYTES);
        return handleOtlpLogs({ body, contentType: request.headers["content-type"], contentEncoding: request.headers["content-encoding"] }, caller);
      });
      // JSON text or protobuf bytes, already encoded like the request: sent as they are (no serializer).
      const encoded: unknown = answer.body;
      return reply.code(answer.status).type(answer.contentType).send(encoded as string);
    },
  });
};
