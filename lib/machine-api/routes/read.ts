import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listAuditEntries } from "@/lib/api/list-audit-entries";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { prisma } from "@/lib/db/client";
import { summarizeUsage } from "@/lib/usage/summarize-usage";
import { auditPageSchema, auditQuerySchema, auditVerifySchema, usageSummaryQuerySchema, usageSummarySchema } from "@/lib/validation/read-api";
import { requireApiKey } from "../auth/api-key";
import { sendCsv, wantsCsv } from "../csv";
import { authErrors, badRequest, okResponse } from "../schemas";

const SUMMARY_COLUMNS = ["key", "label", "events", "inputTokens", "outputTokens", "tokens", "costUsd", "violations", "overCapEvents"] as const;
const AUDIT_COLUMNS = ["seq", "at", "actorType", "actorId", "action", "entityType", "entityId", "data", "prevHash", "hash"] as const;

/** The read endpoints (scope `read`; their operations in /api/v1/openapi.json, README "Machine API"): usage totals and the audit log, JSON or CSV. */
export const readRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = requireApiKey("read");

  app.get("/usage/summary", {
    onRequest: read,
    schema: {
      operationId: "summarizeUsage",
      summary: "Usage totals from the daily rollups",
      "x-scope": "read",
      querystring: usageSummaryQuerySchema,
      response: { ...okResponse(usageSummarySchema, "Totals per group (CSV with Accept: text/csv or format=csv).", true), ...badRequest("Bad query."), ...authErrors },
    },
    handler: async (request, reply) => {
      const summary = await summarizeUsage(request.query);
      if (wantsCsv(request.headers.accept, request.query.format)) return sendCsv(reply, summary.rows, [...SUMMARY_COLUMNS], `usage-${summary.groupBy}-${summary.from}-${summary.to}.csv`);
      return summary;
    },
  });

  app.get("/audit", {
    onRequest: read,
    schema: {
      operationId: "listAuditEntries",
      summary: "The audit log in sequence order",
      "x-scope": "read",
      querystring: auditQuerySchema,
      response: { ...okResponse(auditPageSchema, "A page of entries (CSV with Accept: text/csv or format=csv).", true), ...badRequest("Bad query."), ...authErrors },
    },
    handler: async (request, reply) => {
      const page = await listAuditEntries(request.query.after, request.query.limit);
      if (wantsCsv(request.headers.accept, request.query.format)) return sendCsv(reply, page.entries, [...AUDIT_COLUMNS], `audit-after-${request.query.after}.csv`);
      return page;
    },
  });

  app.get("/audit/verify", {
    onRequest: read,
    schema: {
      operationId: "verifyAuditChain",
      summary: "Recompute the audit hash chain",
      "x-scope": "read",
      response: { ...okResponse(auditVerifySchema, "ok, or the first broken entry."), ...authErrors },
    },
    handler: async () => verifyAuditChain(prisma),
  });
};
