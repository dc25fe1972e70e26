import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "@/lib/errors";
import { vendorReportOptionsSchema, vendorReportResultSchema } from "@/lib/validation/vendor-report";
import { importVendorReport } from "@/lib/vendor-reports/import-vendor-report";
import { MAX_VENDOR_REPORT_BYTES } from "@/lib/vendor-reports/limits";
import { requireApiKey } from "../auth/api-key";
import { principalOf } from "../auth/principal";
import { rawBodies, readRawBody } from "../body";
import { authErrors, badRequest, tooLarge } from "../schemas";

/**
 * POST /api/v1/vendor-reports: a vendor's usage or cost report file as the body (JSON as the vendor API returns it,
 * pages concatenated, or CSV), imported by lib/vendor-reports/import-vendor-report.ts. Gateway keys with `ingest`.
 */
export const vendorReportRoutes: FastifyPluginAsyncZod = async (app) => {
  rawBodies(app);
  app.post("/vendor-reports", {
    onRequest: requireApiKey("ingest"),
    // The body is the file itself, read raw by the handler, which also parses the query (after the auth hook).
    validatorCompiler: () => (value) => ({ value }),
    schema: {
      operationId: "importVendorReport",
      summary: "Import a vendor usage or cost report",
      description:
        "The body is the report file: the Anthropic Admin API's messages usage report, cost report or Claude Code usage report, OpenAI's organization " +
        "usage (completions) or costs, or a Google Cloud billing export (Gemini rows), as JSON (one page, an array of pages, or pages back to back / " +
        "one per line) or CSV. The kind is found from the content unless `kind` is given. Importing the same file again changes nothing (200); a file " +
        `with any bad row is refused with each row and field (400) and nothing is stored. At most ${MAX_VENDOR_REPORT_BYTES / 1024 / 1024} MB.`,
      "x-scope": "ingest",
      querystring: vendorReportOptionsSchema,
      body: {
        content: {
          "application/json": { schema: z.unknown().meta({ description: "The vendor API's JSON response (pages concatenated)." }) },
          "text/csv": { schema: z.string().meta({ description: "A CSV export (see README, Reconciling with vendor reports)." }) },
        },
      },
      response: {
        201: { description: "Imported.", content: { "application/json": { schema: vendorReportResultSchema } } },
        200: { description: "This file was imported before: nothing changed.", content: { "application/json": { schema: vendorReportResultSchema } } },
        ...badRequest("Not a report Guardrail reads, or rows with bad fields (each named in `fields` as `<row>: <field>`); nothing was stored."),
        ...authErrors,
        ...tooLarge(`Over ${MAX_VENDOR_REPORT_BYTES / 1024 / 1024} MB: nothing was stored.`),
      },
    },
    handler: async (request, reply) => {
      const key = principalOf(request, "api_key");
      const text = (await readRawBody(request.raw, MAX_VENDOR_REPORT_BYTES)).toString("utf8");
      const { vendor, kind, fileName } = vendorReportOptionsSchema.parse(request.query);
      const outcome = await importVendorReport({ type: "api_key", id: key.id }, { text, vendor, kind, fileName: fileName ?? null });
      if (outcome.status === "invalid") {
        const n = outcome.errors.length;
        throw new AppError(
          "invalid_report",
          `The report has ${n === 1 ? "a problem" : `${n} problems`}; nothing was imported.`,
          400,
          outcome.errors.map((e) => ({ path: `${e.row}: ${e.field}`, message: e.message })),
        );
      }
      return reply.code(outcome.status === "imported" ? 201 : 200).send(outcome);
    },
  });
};
