import { hash } from "node:crypto";
import type { AttrValue, OtlpLogRecord } from "./decode-logs";

// Which log events of each tool are a model call, and what they carry. From the tools' own documentation:
// - Claude Code (Monitoring usage): `claude_code.api_request` with model, input_tokens, output_tokens,
//   cache_read_tokens, cache_creation_tokens, cost_usd, duration_ms; common session.id, user.email, prompt.id,
//   event.sequence, event.timestamp. The event name is the record body (and `event.name`, without the prefix).
// - Codex ([otel] in config.toml): `codex.sse_event` with event.kind = "response.completed" carries
//   input_token_count, output_token_count (cached/reasoning/tool counts optional); common conversation.id,
//   user.email / user.account_id when available, model, event.timestamp.
// - Gemini CLI (telemetry): `gemini_cli.api_response` with model, input_token_count, output_token_count,
//   cached_content_token_count, thoughts_token_count, prompt_id; common session.id, user.email, event.timestamp.
// Every other event is acknowledged and dropped. Counts may arrive as strings or numbers.

export type ToolUsage = {
  kind: "usage";
  tool: string;
  /** the email (or id) the record names, if any */
  user: string | null;
  occurredAt: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  sessionId: string | null;
  model: string | null;
  /** stable across retries: what the record carries, hashed */
  eventId: string;
};

export type MappedRecord = ToolUsage | { kind: "ignored" } | { kind: "invalid"; message: string };

type Spec = {
  tool: string;
  names: string[];
  /** service.name values that identify the tool when the event name has no prefix */
  services: string[];
  usage: (a: Record<string, AttrValue>) => boolean;
  input: string;
  output: string;
  cost?: string;
  session: string[];
  sequence: string[];
};

export const TOOL_EVENT_SPECS: Spec[] = [
  {
    tool: "claude-code",
    names: ["claude_code.api_request"],
    services: ["claude-code"],
    usage: () => true,
    input: "input_tokens",
    output: "output_tokens",
    cost: "cost_usd",
    session: ["session.id"],
    sequence: ["prompt.id", "event.sequence"],
  },
  {
    tool: "codex",
    names: ["codex.sse_event"],
    services: ["codex-cli", "codex_cli_rs", "codex_exec", "codex"],
    usage: (a) => a["event.kind"] === "response.completed",
    input: "input_token_count",
    output: "output_token_count",
    session: ["conversation.id"],
    sequence: ["event.sequence"],
  },
  {
    tool: "gemini-cli",
    names: ["gemini_cli.api_response"],
    services: ["gemini-cli"],
    usage: () => true,
    input: "input_token_count",
    output: "output_token_count",
    session: ["session.id"],
    sequence: ["prompt_id", "event.sequence"],
  },
];

function str(v: AttrValue | undefined): string | null {
  if (v == null) return null;
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** A token count as a number or a decimal string; null when absent, NaN when not a non-negative integer. */
function count(v: AttrValue | undefined): number | null {
  if (v == null || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : NaN;
}

function money(v: AttrValue | undefined): number | null {
  if (v == null || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : NaN;
}

// Per spec, the full event names and their unprefixed forms ("api_request" for "claude_code.api_request"), built once.
const SPEC_NAMES = new Map<Spec, { full: Set<string>; short: Set<string> }>(
  TOOL_EVENT_SPECS.map((s) => [s, { full: new Set(s.names), short: new Set(s.names.map((n) => n.slice(n.indexOf(".") + 1))) }]),
);

function specFor(r: OtlpLogRecord): Spec | null {
  const service = str(r.resource["service.name"]);
  // Full names first, whichever field carries them; then an unprefixed name with the service's word.
  const names = [r.eventName || null, str(r.attributes["event.name"]), typeof r.body === "string" ? r.body || null : null];
  for (const spec of TOOL_EVENT_SPECS) {
    const set = SPEC_NAMES.get(spec)!;
    if ((names[0] && set.full.has(names[0])) || (names[1] && set.full.has(names[1])) || (names[2] && set.full.has(names[2]))) return spec;
    if (service && spec.services.includes(service) && ((names[0] && set.short.has(names[0])) || (names[1] && set.short.has(names[1])) || (names[2] && set.short.has(names[2])))) return spec;
  }
  return null;
}

function nanosToIso(ns: string | null): string | null {
  if (!ns || !/^\d+$/.test(ns)) return null;
  const ms = Number(BigInt(ns) / 1_000_000n);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

// What the tools send (toISOString's own form) with a day and hour no calendar rolls over: already canonical.
const CANONICAL_ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function isoOf(v: AttrValue | undefined): string | null {
  const s = str(v);
  if (!s) return null;
  if (CANONICAL_ISO.test(s)) return s;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function first(a: Record<string, AttrValue>, keys: string[]): string | null {
  for (const k of keys) {
    const v = str(a[k]);
    if (v) return v;
  }
  return null;
}

/** One log record → a usage event of a known tool, nothing (another event), or why it cannot be used. */
export function mapToolRecord(r: OtlpLogRecord): MappedRecord {
  const spec = specFor(r);
  if (!spec || !spec.usage(r.attributes)) return { kind: "ignored" };
  const a = r.attributes;
  const inputTokens = count(a[spec.input]);
  const outputTokens = count(a[spec.output]);
  const costUsd = spec.cost ? money(a[spec.cost]) : null;
  if (Number.isNaN(inputTokens)) return { kind: "invalid", message: `${spec.input} must be a non-negative integer` };
  if (Number.isNaN(outputTokens)) return { kind: "invalid", message: `${spec.output} must be a non-negative integer` };
  if (Number.isNaN(costUsd)) return { kind: "invalid", message: `${spec.cost} must be a non-negative number` };
  if (inputTokens == null && outputTokens == null) return { kind: "invalid", message: `${spec.input} and ${spec.output} are missing` };
  const occurredAt = isoOf(a["event.timestamp"]) ?? nanosToIso(r.timeUnixNano) ?? nanosToIso(r.observedTimeUnixNano);
  if (!occurredAt) return { kind: "invalid", message: "the record has no time (event.timestamp or timeUnixNano)" };
  const sessionId = first(a, spec.session) ?? first(r.resource, spec.session);
  const sequence = first(a, spec.sequence);
  const user = first(a, ["user.email"]) ?? first(r.resource, ["user.email"]);
  // Exporters retry whole batches: the id is what the record itself carries, so a resent record maps to the same id.
  // (One string, no temporary array: the same bytes as joining the fields with NUL, so the same ids as before.)
  const identity = `${spec.tool}\u0000${spec.names[0]}\u0000${sessionId ?? ""}\u0000${sequence ?? ""}\u0000${occurredAt}\u0000${user ?? ""}\u0000${inputTokens ?? 0}\u0000${outputTokens ?? 0}`;
  const eventId = `otlp-${spec.tool}-${hash("sha256", identity, "base64url").slice(0, 32)}`;
  return {
    kind: "usage",
    tool: spec.tool,
    user,
    occurredAt,
    inputTokens: inputTokens ?? 0,
    outputTokens: outputTokens ?? 0,
    costUsd,
    sessionId,
    model: str(a.model),
    eventId,
  };
}
