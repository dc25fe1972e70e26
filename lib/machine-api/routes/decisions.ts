import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { decide } from "@/lib/policy/decide";
import { recordDecision, secondsSince } from "@/lib/metrics/metrics";
import { decisionRequestSchema, decisionResponseSchema } from "@/lib/validation/decision";
import { assertSpeaksFor } from "@/lib/api-keys/personal-tokens";
import { requireApiKeyOrPersonalToken, toolCallerOf } from "../auth/personal-token";
import { jsonBodies } from "../body";
import { authErrors, badRequest, okResponse, tooLarge } from "../schemas";

const DECISION_BODY_LIMIT = 64 * 1024;

/** POST /api/v1/decisions (operation `decide` in /api/v1/openapi.json; README "Machine API"): may this person use this tool for this activity on this project now? */
export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  jsonBodies(app, DECISION_BODY_LIMIT);
  app.post("/decisions", {
    onRequest: requireApiKeyOrPersonalToken("decide"),
    bodyLimit: DECISION_BODY_LIMIT,
    schema: {
      operationId: "decide",
      summary: "May this person use this tool for this activity on this project now?",
      description:
        "Fails closed: an unknown user, tool or project is a deny with its reason. With estimatedTokens, an allow reserves them against every cap that governs the tool (the monthly cap for external tools; the in-house cap, where set, for the in-house assistant; the tool's own cap, where set) until the matching usage arrives or the reservation times out. The answer's `cap` is always the monthly cap on external tools (`applies` says whether it governs the tool asked about); `inHouseCap` and `toolCap` show the optional separate caps.",
      "x-scope": "decide",
      body: decisionRequestSchema,
      response: {
        ...okResponse(decisionResponseSchema, "The decision."),
        ...badRequest("Malformed body (not JSON, or fields missing or of the wrong type): the fields name what is wrong."),
        ...authErrors,
        ...tooLarge("A body over 64 KB."),
      },
    },
    handler: async (request) => {
      assertSpeaksFor(toolCallerOf(request), request.body.user);
      const start = process.hrtime.bigint();
      const result = await decide(request.body, { reserve: true });
      recordDecision("decisions", result, secondsSince(start));
      return result;
    },
  });
};
