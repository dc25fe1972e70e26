import type { FastifyInstance } from "fastify";
import { buildMachineApi } from "./app";

// The OpenAPI document for pages (Admin → API reference): the same document /api/v1/openapi.json serves,
// from a Fastify instance built once per process and never listening.
let app: Promise<FastifyInstance> | null = null;

export type OpenApiDocument = ReturnType<FastifyInstance["swagger"]>;

export async function machineApiOpenApiDocument(): Promise<OpenApiDocument> {
  app ??= buildMachineApi().then(async (a) => {
    await a.ready();
    return a;
  });
  return (await app).swagger();
}
