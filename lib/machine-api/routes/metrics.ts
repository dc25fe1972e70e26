import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { renderMetrics } from "@/lib/metrics/metrics";
import { requireMetricsToken } from "../auth/metrics-token";

/** GET /metrics: Prometheus text format for this process (README "Metrics"); off unless METRICS_TOKEN is set. */
export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/metrics", {
    onRequest: requireMetricsToken,
    schema: { hide: true, "x-scope": "metrics" } as Record<string, unknown>,
    handler: async (_request, reply) => {
      const { contentType, body } = await renderMetrics();
      return reply.type(contentType).send(body);
    },
  });
};
