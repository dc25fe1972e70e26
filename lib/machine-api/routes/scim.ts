import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { env } from "@/lib/env";
import { SCIM_CONTENT_TYPE, ScimError } from "@/lib/scim/scim-error";
import { runScimEndpoint, SCIM_ENDPOINTS, scimErrorReply, type ScimReply } from "@/lib/scim/scim-endpoints";
import { principalOf } from "../auth/principal";
import { requireScimToken } from "../auth/scim-token";

const SCIM_BODY_LIMIT = 1024 * 1024;

function send(reply: FastifyReply, answer: ScimReply) {
  reply.code(answer.status);
  if (answer.location) reply.header("Location", answer.location);
  if (answer.body === undefined) return reply.send();
  return reply.header("Content-Type", SCIM_CONTENT_TYPE).send(JSON.stringify(answer.body));
}

/**
 * /scim/v2 (RFC 7644) for identity providers: the endpoints of lib/scim/scim-endpoints.ts behind the SCIM token
 * hook. Bodies are JSON whatever the Content-Type (application/scim+json or application/json); every answer,
 * errors included, is application/scim+json. Kept out of the /api/v1 OpenAPI document (SCIM has its own discovery).
 */
export const scimRoutes: FastifyPluginAsync = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: SCIM_BODY_LIMIT }, (_request, body, done) => {
    if (!body) return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ScimError(400, "invalidSyntax", "The body is not valid JSON."), undefined);
    }
  });
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return send(reply, { status: 413, body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "413", detail: `A body over ${SCIM_BODY_LIMIT / 1024} KB.` } });
    if (!(error instanceof ScimError) && status && status >= 400 && status < 500) return send(reply, scimErrorReply(new ScimError(status, "invalidSyntax", "The request could not be read.")));
    return send(reply, scimErrorReply(error));
  });
  app.setNotFoundHandler((request, reply) => send(reply, scimErrorReply(new ScimError(404, null, `${request.method} ${request.url.split("?")[0]} is not a SCIM endpoint.`))));

  const baseUrl = `${env.publicUrl}/scim/v2`;
  for (const endpoint of SCIM_ENDPOINTS) {
    app.route({
      method: endpoint.method,
      url: endpoint.url,
      onRequest: requireScimToken(),
      bodyLimit: SCIM_BODY_LIMIT,
      schema: { hide: true, "x-scope": "scim" } as Record<string, unknown>,
      handler: async (request, reply) => {
        const caller = principalOf(request, "scim_token");
        const answer = await runScimEndpoint(endpoint, {
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string | undefined>,
          body: request.body,
          actor: { type: "api_key", id: caller.id },
          baseUrl,
        });
        return send(reply, answer);
      },
    });
  }
};
