import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { answerClaudeCodeHook, claudeCodeHookInputSchema, hookNamesFromHeaders } from "@/lib/tools/answer-claude-code-hook";
import { requireApiKeyOrPersonalToken, toolCallerOf } from "../auth/personal-token";
import { jsonBodies } from "../body";
import { authErrors, badRequest, okResponse, tooLarge } from "../schemas";

const HOOK_BODY_LIMIT = 1024 * 1024;

const hookOutputSchema = z
  .union([
    z.object({}).strict().meta({ description: "Allow: nothing to add." }),
    z.object({ decision: z.literal("block"), reason: z.string() }),
    z.object({ hookSpecificOutput: z.object({ hookEventName: z.literal("PreToolUse"), permissionDecision: z.literal("deny"), permissionDecisionReason: z.string() }) }),
    z.object({ hookSpecificOutput: z.object({ hookEventName: z.literal("SessionStart"), additionalContext: z.string() }), systemMessage: z.string() }),
  ])
  .meta({ id: "ClaudeCodeHookOutput" });

/** POST /api/v1/hooks/claude-code: Claude Code's HTTP hook (SessionStart, UserPromptSubmit, PreToolUse). */
export const hookRoutes: FastifyPluginAsyncZod = async (app) => {
  jsonBodies(app, HOOK_BODY_LIMIT);
  app.post("/hooks/claude-code", {
    onRequest: requireApiKeyOrPersonalToken("decide"),
    bodyLimit: HOOK_BODY_LIMIT,
    schema: {
      operationId: "answerClaudeCodeHook",
      summary: "Claude Code hook: the decision in the hook's own output format",
      description:
        "The hook input as Claude Code sends it. The person is the personal token's owner, or X-Guardrail-User with a gateway key; the project is X-Guardrail-Project, else the repository mapping of cwd; the activity is X-Guardrail-Activity, else the project's default, else other. Fails closed: every policy outcome, even an unknown person, is a 200 that blocks.",
      "x-scope": "decide",
      headers: z.object({
        "x-guardrail-user": z.string().optional().meta({ description: "With a gateway key: who is asking (email or employee id). With a personal token it must be its owner (403 otherwise)." }),
        "x-guardrail-project": z.string().optional(),
        "x-guardrail-activity": z.string().optional(),
      }),
      body: claudeCodeHookInputSchema,
      response: {
        ...okResponse(hookOutputSchema, "The hook output: {} to allow, a block or deny with the reason and the link to the right form, or SessionStart context."),
        ...badRequest("Not a hook input (no hook_event_name)."),
        ...authErrors,
        ...tooLarge("A body over 1 MB."),
      },
    },
    handler: async (request) => {
      const h = request.headers;
      const names = hookNamesFromHeaders((n) => {
        const v = h[n];
        return Array.isArray(v) ? v[0] : v;
      });
      return answerClaudeCodeHook(request.body, toolCallerOf(request), names);
    },
  });
};
