import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { checkHealth } from "@/lib/health/check-health";

/** GET /api/health in machine-only mode (the portal's own route answers it otherwise): the load balancer's probe. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/health", {
    schema: {
      operationId: "checkHealth",
      summary: "Liveness and a database round trip",
      security: [],
      response: {
        200: { description: "The server and its database answer.", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
        503: { description: "The database does not answer.", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
      },
    },
    handler: async (_request, reply) => {
      const health = await checkHealth();
      return reply.code(health.status === "ok" ? 200 : 503).send(health);
    },
  });
};
