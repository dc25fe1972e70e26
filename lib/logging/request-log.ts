import { randomUUID } from "node:crypto";

// One JSON line per request on stdout: time, requestId, who (a person id or an API key id, never the key),
// route (path only: query strings can carry anything), method, status and duration. Headers and bodies are
// never logged, and anything shaped like a credential is masked as a last line of defence.

export type LogActor = { type: "user" | "api_key"; id: string } | { type: "anonymous"; id: null };

export type RequestLogEntry = {
  time: string;
  requestId: string;
  actorType: LogActor["type"];
  actorId: string | null;
  route: string;
  method: string;
  status: number;
  durationMs: number;
};

const CREDENTIAL_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, // an Authorization header value
  /grk_[A-Za-z0-9_-]+/g, // Guardrail API keys
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (next-auth session tokens)
];

// Matches wherever any of CREDENTIAL_PATTERNS could: text without it (almost every line) is not scanned three times.
const MAYBE_CREDENTIAL = /bearer|basic|grk_|eyJ/i;

/** Masks anything that looks like a credential. */
export function redactSecrets(text: string): string {
  if (!MAYBE_CREDENTIAL.test(text)) return text;
  return CREDENTIAL_PATTERNS.reduce((t, re) => t.replace(re, "[redacted]"), text);
}

// A path that URL parsing would leave as it is: no dot segments, escapes, backslashes or host-like "//" start.
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-/]*$/;

/** The path of a URL, without its query or fragment, redacted. */
export function routeOf(url: string): string {
  let path: string;
  const end = url.search(/[?#]/);
  const plain = end < 0 ? url : url.slice(0, end);
  if (PLAIN_PATH.test(plain)) path = plain;
  else {
    try {
      path = new URL(url, "http://localhost").pathname;
    } catch {
      path = plain;
    }
  }
  return redactSecrets(path).slice(0, 300);
}

/** A request id from the caller's X-Request-Id when it is a plain token, otherwise a new one. */
export function requestIdFrom(headers: Pick<Headers, "get">): string {
  const given = headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,100}$/.test(given) && redactSecrets(given) === given ? given : randomUUID();
}

export function formatRequestLog(entry: RequestLogEntry): string {
  const line: RequestLogEntry = {
    time: entry.time,
    requestId: redactSecrets(entry.requestId),
    actorType: entry.actorType,
    actorId: entry.actorId === null ? null : redactSecrets(entry.actorId),
    route: routeOf(entry.route),
    method: entry.method.toUpperCase().slice(0, 10),
    status: entry.status,
    durationMs: Math.round(entry.durationMs * 10) / 10,
  };
  return JSON.stringify(line);
}

// Who made a request, for the access log (lib/logging/access-log.ts), which sees the Node request and response but
// not the code that resolved the person. The machine interface's auth hooks hold the Node request and note the
// actor on it; the portal's session check has only the request id. On globalThis: Next bundles this module more
// than once.
const actors = ((globalThis as unknown as { __guardrailLogActors?: Map<string, LogActor> }).__guardrailLogActors ??= new Map());
const ACTOR = Symbol.for("guardrail.logActor");
type WithActor = { [ACTOR]?: LogActor };

export function noteActorForRequestId(requestId: string, actor: LogActor): void {
  if (actors.size > 10_000) actors.clear(); // requests that never finished must not pile up
  actors.set(requestId, actor);
}

/** Names who made a request on its access-log line: `request` is the Node request (Fastify's `request.raw`). */
export function noteActorForRequest(request: object, actor: LogActor): void {
  (request as WithActor)[ACTOR] = actor;
}

export function takeActorForRequest(request: object, requestId: string): LogActor | undefined {
  const noted = (request as WithActor)[ACTOR];
  if (noted) return noted;
  // Only the portal's pages fill the map; a set and a delete per machine request would rebuild its table over
  // and over in the old generation.
  if (actors.size === 0) return undefined;
  const actor = actors.get(requestId);
  actors.delete(requestId);
  return actor;
}

export type LogWriter = (line: string) => void;
