import dc from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { peerAddressHeader } from "../security/client-address";
import { formatRequestLog, requestIdFrom, takeActorForRequest, type LogWriter } from "./request-log";

type HttpMessage = { request: IncomingMessage; response: ServerResponse };

// On the request itself rather than in a WeakMap: a long-lived WeakMap's table grew and was rebuilt in the old
// generation with every few requests, and what it held was promoted: a fifth of what a worker promoted under load.
const STARTED = Symbol("guardrail.accessLogStarted");
type StartedRequest = IncomingMessage & { [STARTED]?: { id: string; t: number } };

// Lines finished in the same turn of the event loop leave in one write instead of a write(2) each (under load a
// turn finishes many requests); what is still waiting at exit is written then (stdout is synchronous for files and
// pipes on Linux).
let waiting = "";
const flushWaiting = () => {
  if (!waiting) return;
  const chunk = waiting;
  waiting = "";
  process.stdout.write(chunk);
};
let flushOnExit = false;
const stdout: LogWriter = (line) => {
  if (!waiting) setImmediate(flushWaiting);
  waiting += `${line}\n`;
  if (!flushOnExit) {
    flushOnExit = true;
    process.once("exit", flushWaiting);
  }
};

/**
 * One JSON line per HTTP request the server answers (pages, server actions, route handlers, the machine
 * interface), from Node's own diagnostics channels, so the status and duration are the real ones. Each request
 * gets an id (the caller's X-Request-Id when it is a plain token), passed on to the app as a header and echoed on
 * the response. Who made it is noted by id (noteActorForRequestId: the portal's session check) or on the request
 * (noteActorForRequest: the machine interface's auth hooks). Static assets are not logged.
 * Returns a function that stops logging (for tests).
 */
export function installAccessLog(write: LogWriter = stdout): () => void {
  const onStart = (message: unknown) => {
    const { request, response } = message as HttpMessage;
    const id = requestIdFrom({ get: (name) => (typeof request.headers[name] === "string" ? (request.headers[name] as string) : null) });
    request.headers["x-request-id"] = id;
    // The connection's address for clientAddress (lib/security/client-address.ts); overwrites anything sent.
    request.headers[peerAddressHeader()] = request.socket?.remoteAddress ?? "";
    response.setHeader("X-Request-Id", id);
    (request as StartedRequest)[STARTED] = { id, t: performance.now() };
  };
  const onFinish = (message: unknown) => {
    const { request, response } = message as HttpMessage;
    const s = (request as StartedRequest)[STARTED];
    if (!s) return;
    const actor = takeActorForRequest(request, s.id);
    const path = request.url ?? "/";
    if (path.startsWith("/_next/static/")) return;
    write(
      formatRequestLog({
        time: new Date().toISOString(),
        requestId: s.id,
        actorType: actor?.type ?? "anonymous",
        actorId: actor?.id ?? null,
        route: path,
        method: request.method ?? "GET",
        status: response.statusCode,
        durationMs: performance.now() - s.t,
      }),
    );
  };
  dc.subscribe("http.server.request.start", onStart);
  dc.subscribe("http.server.response.finish", onFinish);
  return () => {
    dc.unsubscribe("http.server.request.start", onStart);
    dc.unsubscribe("http.server.response.finish", onFinish);
  };
}
