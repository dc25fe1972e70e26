import { describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/api-keys/key-hash";
import { currentRequestId, formatRequestLog, noteRequestActor, redactSecrets, requestIdFrom, withRequestLog } from "@/lib/logging/request-log";

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe("request log", () => {
  it("writes one JSON line with time, request id, actor, route, method, status and duration", async () => {
    const out = capture();
    const handler = withRequestLog(async () => {
      noteRequestActor({ type: "api_key", id: "key-123" });
      return Response.json({ ok: true }, { status: 201 });
    }, out.write);
    const res = await handler(new Request("http://localhost/api/v1/decisions?x=1", { method: "POST", headers: { "x-request-id": "req-abcdef12" } }));
    expect(res.headers.get("x-request-id")).toBe("req-abcdef12");
    expect(out.lines).toHaveLength(1);
    const entry = JSON.parse(out.lines[0]);
    expect(Object.keys(entry).sort()).toEqual(["actorId", "actorType", "durationMs", "method", "requestId", "route", "status", "time"]);
    expect(entry).toMatchObject({ requestId: "req-abcdef12", actorType: "api_key", actorId: "key-123", route: "/api/v1/decisions", method: "POST", status: 201 });
    expect(typeof entry.durationMs).toBe("number");
    expect(new Date(entry.time).toString()).not.toBe("Invalid Date");
  });

  it("logs a handler that throws as status 500 and lets the error through", async () => {
    const out = capture();
    const handler = withRequestLog(async () => {
      throw new Error("boom");
    }, out.write);
    await expect(handler(new Request("http://localhost/api/health"))).rejects.toThrow("boom");
    expect(JSON.parse(out.lines[0])).toMatchObject({ status: 500, actorType: "anonymous", actorId: null });
  });

  it("never writes an API key or Authorization header, wherever it was sent", async () => {
    const key = generateApiKey();
    const out = capture();
    const handler = withRequestLog(async (req: Request) => {
      // A careless handler that would echo what it received into the actor id.
      noteRequestActor({ type: "api_key", id: req.headers.get("authorization") ?? "" });
      return new Response("ok");
    }, out.write);
    await handler(
      new Request(`http://localhost/api/v1/usage-events/${key}?key=${key}&token=Bearer%20${key}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "x-request-id": key, cookie: "next-auth.session-token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig" },
        body: JSON.stringify({ apiKey: key }),
      }),
    );
    const line = out.lines.join("\n");
    expect(line).not.toContain(key);
    expect(line).not.toContain(key.slice(4));
    expect(line).not.toMatch(/Bearer/i);
    expect(line).not.toContain("eyJhbGciOiJIUzI1NiJ9");
    expect(JSON.parse(line).requestId).not.toBe(key);
  });

  it("masks keys, bearer values and JWTs in free text", () => {
    const key = generateApiKey();
    expect(redactSecrets(`got ${key} and Authorization: Bearer abc.def-123`)).toBe("got [redacted] and Authorization: [redacted]");
    expect(redactSecrets("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end")).toBe("token [redacted] end");
    expect(formatRequestLog({ time: "t", requestId: "r", actorType: "user", actorId: key, route: `/x/${key}`, method: "get", status: 200, durationMs: 1.234 })).not.toContain(key);
  });

  it("accepts only plain request ids from the caller", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-12345" }))).toBe("abc-12345");
    expect(requestIdFrom(new Headers({ "x-request-id": "bad id with spaces" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers({ "x-request-id": "x".repeat(500) }))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("exposes the request id to code running inside the request, and only there", async () => {
    let inside: string | null = null;
    await withRequestLog(async () => {
      inside = currentRequestId();
      return new Response("ok");
    }, capture().write)(new Request("http://localhost/", { headers: { "x-request-id": "inside-123" } }));
    expect(inside).toBe("inside-123");
    expect(currentRequestId()).toBeNull();
  });
});
