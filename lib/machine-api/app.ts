import Fastify, { type FastifyInstance, type FastifyServerFactory } from "fastify";
import swagger from "@fastify/swagger";
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { API_KEY_SCOPES } from "@/lib/api-keys/key-hash";
import { env } from "@/lib/env";
import { requestIdFrom } from "@/lib/logging/request-log";
import { runtimeSecurityHeaders } from "@/lib/security-headers";
import { machineErrorHandler, machineNotFoundHandler } from "./errors";
import { decisionRoutes } from "./routes/decisions";
import { healthRoutes } from "./routes/health";
import { metricsRoutes } from "./routes/metrics";
import { hookRoutes } from "./routes/hooks";
import { otlpRoutes } from "./routes/otlp";
import { openApiRoutes } from "./routes/openapi";
import { readRoutes } from "./routes/read";
import { scimRoutes } from "./routes/scim";
import { usageEventRoutes } from "./routes/usage-events";
import { vendorReportRoutes } from "./routes/vendor-reports";
import "./auth/principal";

// The machine interface: one Fastify instance, one plugin per area under routes/, one auth hook per credential
// kind under auth/. lib/server/http-server.ts puts it in front of Next.js on the same port.

export type MachineApiOptions = {
  /** The node:http server to attach to (see lib/server/http-server.ts); tests use app.inject() without one. */
  serverFactory?: FastifyServerFactory;
  /** Serve GET /api/health too (machine-only mode, where there is no Next.js to answer it). */
  health?: boolean;
  /** the public URL whose scheme decides HSTS (default: the environment's) */
  publicUrl?: string;
};

/** A registered route, for the authorization matrix: every machine route must have an entry there. */
export type MachineRoute = { method: string; url: string; scope: string | null };

declare module "fastify" {
  interface FastifyInstance {
    machineRoutes: MachineRoute[];
  }
}

/**
 * API answers are never cached and never gzipped (no-transform: compressing each small answer cost the decision
 * path more CPU than anything else); they carry the same security headers as the portal's pages, set here only
 * (the server sets them on the portal's requests).
 */
const responseHeaders = (publicUrl: string): Record<string, string> => ({
  "Cache-Control": "no-store, no-transform",
  ...runtimeSecurityHeaders({ dev: false, publicUrl }),
});

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformOutput = ReturnType<typeof jsonSchemaTransform>;

/**
 * jsonSchemaTransform, plus request bodies given per content type (`body: { content: { type: { schema } } }`),
 * which it only handles for responses (usage events: a JSON array, or NDJSON with one event per line).
 */
function transform(document: TransformInput): TransformOutput {
  const body = (document.schema as { body?: { content?: Record<string, { schema: unknown }> } } | undefined)?.body;
  if (!body?.content) return jsonSchemaTransform(document);
  const rest: Record<string, unknown> = { ...(document.schema as Record<string, unknown>) };
  delete rest.body;
  const result = jsonSchemaTransform({ ...document, schema: rest } as TransformInput);
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, { schema }]) => {
      const one = jsonSchemaTransform({ ...document, schema: { body: schema } } as TransformInput);
      return [type, { schema: (one.schema as { body: unknown }).body }];
    }),
  );
  return { ...result, schema: { ...result.schema, body: { content } } } as TransformOutput;
}

type Json = Record<string, unknown>;

/**
 * jsonSchemaTransformObject, tidied: only the component schemas the paths use (it emits an input and an output
 * variant of every named zod schema), named without the "Input" suffix where there is no clash, and every 429
 * documenting its Retry-After header.
 */
function transformObject(document: Parameters<typeof jsonSchemaTransformObject>[0]): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = jsonSchemaTransformObject(document) as unknown as Json & { paths: Json; components: { schemas: Record<string, Json> } };
  const all = doc.components.schemas;
  const used = new Set<string>();
  const visit = (value: unknown) => {
    for (const m of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (!used.has(m[1])) {
        used.add(m[1]);
        visit(all[m[1]]);
      }
    }
  };
  visit(doc.paths);
  const renames = new Map([...used].filter((n) => n.endsWith("Input") && !used.has(n.slice(0, -5))).map((n) => [n, n.slice(0, -5)]));
  const rename = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replace(/"#\/components\/schemas\/([^"]+)"/g, (ref, name: string) => (renames.has(name) ? `"#/components/schemas/${renames.get(name)}"` : ref))) as Json;
  const schemas = Object.fromEntries([...used].sort().map((n) => [renames.get(n) ?? n, rename(all[n])]));
  const paths = rename(doc.paths) as Record<string, Record<string, { responses?: Record<string, Json> }>>;
  for (const methods of Object.values(paths))
    for (const op of Object.values(methods)) {
      const limited = op.responses?.["429"];
      if (limited) limited.headers = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 1 } } };
    }
  return { ...doc, paths, components: { ...doc.components, schemas } } as unknown as ReturnType<typeof jsonSchemaTransformObject>;
}

export async function buildMachineApi(options: MachineApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false, // one JSON access-log line per request comes from lib/logging/access-log.ts
    // The access log already gave the request an id (the caller's X-Request-Id when it is a plain token).
    genReqId: (req) => requestIdFrom({ get: (name) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : null) }),
    requestIdHeader: false,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();

  // zod validates what comes in (the same schemas as lib/validation); answers are the lib functions' own typed
  // results, written with JSON.stringify (their zod schemas document them in the OpenAPI document).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(machineErrorHandler);
  app.setNotFoundHandler(machineNotFoundHandler);
  app.decorateRequest("principal", null);
  app.decorate("machineRoutes", [] as MachineRoute[]);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const scope = (route.schema as { "x-scope"?: string } | undefined)?.["x-scope"] ?? null;
    for (const method of methods) if (method !== "HEAD") app.machineRoutes.push({ method, url: route.url, scope });
  });
  const headers = responseHeaders(options.publicUrl ?? env.publicUrl);
  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(headers);
    reply.header("X-Request-Id", request.id);
    done();
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Guardrail machine API",
        version: "1",
        description:
          "For AI gateways and tool telemetry. Authenticate with `Authorization: Bearer <api key>`; keys carry the scopes " +
          `${API_KEY_SCOPES.join(", ")}. Errors always have the body { error: { code, message, fields } }; 429 answers carry Retry-After.`,
      },
      servers: [{ url: env.publicUrl }],
      security: [{ bearer: [] }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key created on the API keys page." } } },
    },
    transform,
    transformObject,
  });

  await app.register(
    async (v1) => {
      await v1.register(decisionRoutes);
      await v1.register(usageEventRoutes);
      await v1.register(vendorReportRoutes);
      await v1.register(readRoutes);
      await v1.register(openApiRoutes);
      await v1.register(hookRoutes);
    },
    { prefix: "/api/v1" },
  );
  await app.register(scimRoutes, { prefix: "/scim/v2" });
  await app.register(otlpRoutes, { prefix: "/otlp" });
  await app.register(metricsRoutes);
  if (options.health) await app.register(healthRoutes);
  return app;
}
