import "server-only";
import { z } from "zod";
import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { assertSpeaksFor } from "@/lib/api-keys/personal-tokens";
import { AppError } from "@/lib/errors";
import { recordDecision, secondsSince } from "@/lib/metrics/metrics";
import { decide, failClosed } from "@/lib/policy/decide";
import { decisionRequestSchema, type DecisionResponse } from "@/lib/validation/decision";
import { loadProjectRouting, routeToProject } from "./project-routing";
import { recordUnmatched, type UnmatchedSighting } from "./unmatched-telemetry";

// Claude Code's HTTP hook (hooks reference): Claude Code POSTs the hook input as JSON and reads a 2xx JSON body as
// the hook's output. Handled events:
// - UserPromptSubmit (prompt): block with {"decision":"block","reason"}; allow is an empty object.
// - PreToolUse (tool_name, tool_input, tool_use_id): deny with hookSpecificOutput.permissionDecision "deny" and
//   permissionDecisionReason; allow leaves the normal permission flow alone (empty object).
// - SessionStart (source, model): hookSpecificOutput.additionalContext for the model, systemMessage for the person.
// A non-2xx answer is a non-blocking error for Claude Code, so every policy outcome (even an unknown person) is a
// 200 that blocks: the hook fails closed like /api/v1/decisions. Only credentials (401/403) and a malformed body
// (400) are errors.

export const CLAUDE_CODE_TOOL = "claude-code";

export const claudeCodeHookInputSchema = z.looseObject({
  session_id: z.string().max(200).optional(),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().max(4096).optional(),
  permission_mode: z.string().max(100).optional(),
  hook_event_name: z.string({ error: "must name the hook event" }).min(1).max(100),
  prompt: z.string().optional(),
  tool_name: z.string().max(200).optional(),
  tool_input: z.unknown().optional(),
  tool_use_id: z.string().max(200).optional(),
  source: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
});
export type ClaudeCodeHookInput = z.infer<typeof claudeCodeHookInputSchema>;

export type ClaudeCodeHookOutput =
  | Record<string, never>
  | { decision: "block"; reason: string }
  | { hookSpecificOutput: { hookEventName: "PreToolUse"; permissionDecision: "deny"; permissionDecisionReason: string } }
  | { hookSpecificOutput: { hookEventName: "SessionStart"; additionalContext: string }; systemMessage: string };

/** What the call names besides the hook input: headers set in the hook's settings (X-Guardrail-User/-Project/-Activity). */
export type HookNames = { user?: string | null; project?: string | null; activity?: string | null };

export const HANDLED_HOOK_EVENTS = ["SessionStart", "UserPromptSubmit", "PreToolUse"] as const;

/** The person-facing sentence of a decision that is not an allow, with the link to the right form. */
export function blockReason(d: DecisionResponse): string {
  const overCap = d.reasons.some((r) => r.code === "over_cap");
  const why = d.reasons.map((r) => r.message).join(" ");
  const link = d.requestUrl ? ` ${overCap ? "Ask for a higher cap" : "Request an exception"}: ${d.requestUrl}` : "";
  return `Guardrail: ${why}${link}`;
}

function sessionContext(d: DecisionResponse, q: { project: string | null; activity: string }): string {
  const where = `${q.project ? `project ${q.project}` : "no mapped project"}, activity ${q.activity}`;
  const n = (v: number) => v.toLocaleString("en-US");
  const external = d.cap ? ` External-tools cap left in ${d.cap.period}: ${n(d.cap.remaining)} of ${n(d.cap.limit)} (only external tools count toward it).` : "";
  const tool = d.toolCap ? ` Cap on ${d.toolCap.tool}: ${n(d.toolCap.remaining)} of ${n(d.toolCap.limit)} left.` : "";
  const cap = external + tool;
  if (d.decision === "allow") return `Guardrail: Claude Code is allowed here (${where}).${cap}`;
  return `${blockReason(d)} (${where}).${cap} Prompts and tool calls in this session will be blocked.`;
}

/**
 * Answers one Claude Code hook call with the one decision path (`decide`): who (the personal token's owner, or
 * the X-Guardrail-User a gateway key names), which project (named, else the repository mapping of `cwd`) and
 * activity (named, else the project's default, else `other`).
 */
export async function answerClaudeCodeHook(input: ClaudeCodeHookInput, principal: Pick<ApiKeyPrincipal, "owner">, names: HookNames = {}): Promise<ClaudeCodeHookOutput> {
  const event = input.hook_event_name;
  if (!(HANDLED_HOOK_EVENTS as readonly string[]).includes(event)) return {};
  const start = process.hrtime.bigint();
  const namedUser = names.user?.trim() || null;
  if (namedUser) assertSpeaksFor(principal, namedUser);
  const user = namedUser ?? principal.owner?.email ?? null;

  const routing = await loadProjectRouting();
  const routed = routeToProject(routing, { project: names.project, activity: names.activity, repositories: [input.cwd] });
  const sightings: UnmatchedSighting[] = [];
  if (routed.unmatchedRepository) sightings.push({ kind: "repository", value: routed.unmatchedRepository, source: "hook" });

  let decision: DecisionResponse;
  if (!user) {
    decision = failClosed("unknown_user", "This hook call names no person: send X-Guardrail-User with a gateway key, or use a personal token. Access is denied.");
  } else {
    const parsed = decisionRequestSchema.safeParse({ user, tool: CLAUDE_CODE_TOOL, activity: routed.activity, project: routed.project });
    if (!parsed.success) {
      decision = failClosed("unknown_user", `The hook call's names are not valid (${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}): access is denied.`);
    } else {
      try {
        decision = await decide(parsed.data);
      } catch (error) {
        // An unknown activity is a 400 on /api/v1/decisions; inside a tool it must still block.
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        decision = failClosed("unknown_user", `${error.fields.map((f) => `${f.path}: ${f.message}`).join("; ") || error.message}: access is denied.`);
      }
    }
    const codes = new Set(decision.reasons.map((r) => r.code));
    if (codes.has("unknown_user")) sightings.push({ kind: "user", value: user, source: "hook" });
    if (codes.has("unknown_project") && routed.project) sightings.push({ kind: "project", value: routed.project, source: "hook" });
    if (codes.has("unknown_tool")) sightings.push({ kind: "tool", value: CLAUDE_CODE_TOOL, source: "hook" });
  }
  // Every handled hook call is one decision in /metrics, the fail-closed ones included.
  recordDecision("claude_code_hook", decision, secondsSince(start));
  await recordUnmatched(sightings);

  if (event === "SessionStart") {
    const context = sessionContext(decision, routed);
    return { hookSpecificOutput: { hookEventName: "SessionStart", additionalContext: context }, systemMessage: context };
  }
  if (decision.decision === "allow") return {};
  if (event === "PreToolUse") {
    return { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: blockReason(decision) } };
  }
  return { decision: "block", reason: blockReason(decision) };
}

/** Reads the hook's own headers (set in settings.json, values may come from allowedEnvVars). Empty means absent. */
export function hookNamesFromHeaders(get: (name: string) => string | null | undefined): HookNames {
  const h = (n: string) => get(n)?.trim() || null;
  return { user: h("x-guardrail-user"), project: h("x-guardrail-project"), activity: h("x-guardrail-activity") };
}
