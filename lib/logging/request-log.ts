import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { env } from "../env";

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

type RequestContext = { requestId: string; actor: LogActor };
const context = new AsyncLocalStorage<RequestContext>();

const CREDENTIAL_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, // an Authorization header value
  /grk_[A-Za-z0-9_-]+/g, // Guardrail API keys
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (next-auth session tokens)
];

/** Masks anything that looks like a credential. */
export function redactSecrets(text: string): string {
  return CREDENTIAL_PATTERNS.reduce((t, re) => t.replace(re, "[redacted]"), text);
}

/** The path of a URL, without its query or fragment, redacted. */
export function routeOf(url: string): string {
  let path: string;
  try {
    path = new URL(url, "http://localhost").pathname;
  } catch {
    path = url.split(/[?#]/)[0];
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

// Who made a request, by request id, for the access log (lib/logging/access-log.ts), which sees the Node request
// and response but not the code that resolved the person. On globalThis: Next bundles this module more than once.
const actors = ((globalThis as unknown as { __guardrailLogActors?: Map<string, LogActor> }).__guardrailLogActors ??= new Map());

export function noteActorForRequestId(requestId: string, actor: LogActor): void {
  if (actors.size > 10_000) actors.clear(); // requests that never finished must not pile up
  actors.set(requestId, actor);
}

export function takeActorForRequestId(requestId: string): LogActor | undefined {
  const actor = actors.get(requestId);
  actors.delete(requestId);
  return actor;
}

export type LogWriter = (line: string) => void;
// Under vitest the suites call handlers thousands of times; their log lines are tested with their own writer.
const stdoutWriter: LogWriter = (line) => {
  if (env.NODE_ENV !== "test") process.stdout.write(`${line}\n`);
};

/**
 * Records who made the current request, for its log line. withApiKey calls it with the key's id once the key
 * is authenticated; session-authorised routes with the person's id.
 */
export function noteRequestActor(actor: LogActor): void {
  const ctx = context.getStore();
  if (ctx) ctx.actor = actor;
}

/** The id of the request being handled, for error messages and audit data. */
export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}

/**
 * Wraps a route handler: gives the request an id (echoed as X-Request-Id), and writes its log line when the
 * handler has answered, or threw (status 500).
 */
export function withRequestLog<A extends unknown[]>(handler: (req: Request, ...rest: A) => Promise<Response>, write: LogWriter = stdoutWriter) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const ctx: RequestContext = { requestId: requestIdFrom(req.headers), actor: { type: "anonymous", id: null } };
    const started = performance.now();
    let status = 500;
    try {
      const res = await context.run(ctx, () => handler(req, ...rest));
      status = res.status;
      try {
        res.headers.set("X-Request-Id", ctx.requestId);
      } catch {
        // Some responses (e.g. Response.redirect) have immutable headers; the log line still carries the id.
      }
      return res;
    } finally {
      write(
        formatRequestLog({
          time: new Date().toISOString(),
          requestId: ctx.requestId,
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          route: req.url,
          method: req.method,
          status,
          durationMs: performance.now() - started,
        }),
      );
    }
  };
}
