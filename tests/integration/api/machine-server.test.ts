import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installAccessLog } from "@/lib/logging/access-log";
import { isMachinePath } from "@/lib/machine-api/paths";
import { closeServer, createGuardrailServer } from "@/lib/server/http-server";
import { useTestDb } from "../../support/test-db";
import { createApiKey, createGatewayFixture } from "../usage/gateway-fixture";

// The one-port server on a real socket: machine paths reach Fastify, everything else the portal's handler
// (a stand-in for Next.js here; the e2e suite runs the real one), the access log names the API key, and
// machine-only mode answers everything itself.

useTestDb();
const lines: string[] = [];
let uninstall: () => void;
const servers: http.Server[] = [];
let key = "";

let onSlowRequest: (() => void) | undefined;

async function listen(machineOnly: boolean, publicUrl?: string, keepAliveTimeoutSeconds?: number): Promise<string> {
  const portal = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === "/slow") {
      onSlowRequest?.();
      await new Promise((r) => setTimeout(r, 300));
    }
    res.setHeader("content-type", "text/plain");
    res.end(`portal ${req.method} ${req.url}`);
  };
  const { server } = await createGuardrailServer({ portal: machineOnly ? null : portal, machineOnly, publicUrl, keepAliveTimeoutSeconds });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

let base = "";
let machineOnly = "";
beforeAll(async () => {
  await createGatewayFixture();
  key = (await createApiKey(["decide", "ingest"])).key;
  uninstall = installAccessLog((line) => lines.push(line));
  base = await listen(false);
  machineOnly = await listen(true);
});
afterAll(async () => {
  uninstall();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const decision = { user: "engineer@example.com", tool: "claude-code", activity: "test-infrastructure", project: "infra-ci" };

describe("machine paths", () => {
  it("are /api/v1 and below, not look-alikes", () => {
    for (const url of ["/api/v1", "/api/v1/", "/api/v1/decisions", "/api/v1?x=1"]) expect(isMachinePath(url), url).toBe(true);
    for (const url of ["/", "/api/v10", "/api/v1x/decisions", "/api/health", "/api/auth/session", "/requests", undefined]) expect(isMachinePath(url), String(url)).toBe(false);
  });
});

describe("one port, two frameworks", () => {
  it("sends machine paths to Fastify and the rest to the portal", async () => {
    const page = await fetch(`${base}/requests?x=1`);
    expect(await page.text()).toBe("portal GET /requests?x=1");
    expect(await (await fetch(`${base}/api/v10`)).text()).toBe("portal GET /api/v10");
    const api = await fetch(`${base}/api/v1/decisions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(decision) });
    expect(api.status).toBe(200);
    expect(api.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await api.json()).toMatchObject({ decision: "allow" });
    const unknown = await fetch(`${base}/api/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: expect.stringContaining("/api/v1/nothing-here"), fields: [] } });
  });

  it("reads a decision body whatever its Content-Type, and refuses one over 64 KB sent without a length", async () => {
    const plain = await fetch(`${base}/api/v1/decisions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" }, body: JSON.stringify(decision) });
    expect(plain.status).toBe(200);
    // A streamed (chunked) body has no Content-Length: it is counted as it arrives.
    const big = new ReadableStream({
      start(c) {
        for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode(" ".repeat(1024)));
        c.close();
      },
    });
    const res = await fetch(`${base}/api/v1/decisions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: big, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("authenticates before reading a body: no key, no 10 MB read", async () => {
    const res = await fetch(`${base}/api/v1/usage-events`, { method: "POST", headers: { "content-type": "application/json" }, body: "[" + "1,".repeat(6_000_000) + "1]" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("writes one access-log line per API request naming the key's id, keeps the caller's request id, and never the key", async () => {
    lines.length = 0;
    const res = await fetch(`${base}/api/v1/decisions?token=${key}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "x-request-id": "trace-abc-123", cookie: "next-auth.session-token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig" },
      body: JSON.stringify(decision),
    });
    await res.text();
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
    for (let i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ requestId: "trace-abc-123", actorType: "api_key", actorId: expect.any(String), route: "/api/v1/decisions", method: "POST", status: 200 });
    expect(lines[0]).not.toContain(key);
    expect(lines[0]).not.toContain(key.slice(4));
    expect(lines[0]).not.toContain("eyJhbGciOiJIUzI1NiJ9");
  });
});

describe("security headers, set at run time", () => {
  // HSTS follows the public URL the server runs with (the build does not know it: next.config has no headers()).
  it("carries HSTS on pages and API answers when the public URL is https, with the other security headers", async () => {
    const https = await listen(false, "https://guardrail.example.com");
    const page = await fetch(`${https}/requests`);
    const api = await fetch(`${https}/api/v1/decisions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(decision) });
    expect(api.status).toBe(200);
    const missing = await fetch(`${https}/api/v1/nothing-here`);
    for (const res of [page, api, missing]) {
      expect(res.headers.get("strict-transport-security"), res.url).toBe("max-age=63072000; includeSubDomains");
      expect(res.headers.get("content-security-policy"), res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get("content-security-policy"), res.url).not.toContain("unsafe-eval");
      expect(res.headers.get("x-frame-options"), res.url).toBe("DENY");
      expect(res.headers.get("referrer-policy"), res.url).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-content-type-options"), res.url).toBe("nosniff");
    }
  });

  it("leaves HSTS out on a plain http public URL, and keeps the rest", async () => {
    const plain = await listen(false, "http://guardrail.internal:3000");
    for (const res of [await fetch(`${plain}/requests`), await fetch(`${plain}/api/v1/nothing-here`)]) {
      expect(res.headers.get("strict-transport-security"), res.url).toBeNull();
      expect(res.headers.get("content-security-policy"), res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), res.url).toBe("DENY");
    }
  });
});

/** The Keep-Alive header of one answer on a keep-alive connection. */
function keepAliveHeaderOf(agent: http.Agent, url: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.headers["keep-alive"]?.toString()));
    });
    req.on("error", reject);
  });
}

/**
 * A raw keep-alive connection that sends one GET. A raw socket never closes on its own, so `ended` (the end of the
 * stream) is the server's doing; `answer()` is everything received.
 */
function rawGet(url: string, path: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let answer = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (answer += chunk));
  const ended = new Promise<void>((resolve) => socket.once("end", resolve)).finally(() => socket.destroy());
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  return { ended, answer: () => answer };
}

describe("keep-alive connections", () => {
  // Gateways call through pools whose idle timeout (a load balancer's 60 s, Go's 90 s) is longer than Node's 5 s
  // default: a request sent just as the server closed the idle connection failed with a reset.
  it("stay open 72 s when idle, on API answers and pages alike, and callers are told so", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const path of ["/api/v1/nothing-here", "/requests"]) {
        expect(await keepAliveHeaderOf(agent, `${base}${path}`), path).toBe("timeout=72");
      }
    } finally {
      agent.destroy();
    }
  });

  it("are closed by the server once idle for the configured time", async () => {
    const connection = rawGet(await listen(false, undefined, 1), "/api/v1/nothing-here");
    await connection.ended;
    expect(connection.answer()).toMatch(/^HTTP\/1\.1 404 /);
    expect(connection.answer().toLowerCase()).toContain("keep-alive: timeout=1");
  });

  it("do not hold a shutting-down server open: one with a request in flight closes once it is answered", async () => {
    const url = await listen(false);
    const server = servers.at(-1)!;
    const inHandler = new Promise<void>((resolve) => (onSlowRequest = resolve));
    const connection = rawGet(url, "/slow");
    // The request is in the portal's handler (300 ms) when the server starts closing.
    await inHandler;
    const closed = new Promise<void>((resolve) => closeServer(server, resolve));
    await Promise.all([connection.ended, closed]);
    expect(connection.answer()).toMatch(/^HTTP\/1\.1 200 [\s\S]*portal GET \/slow$/);
  });
});

describe("machine-only mode", () => {
  it("answers the machine routes and the health probe, and unknown paths with the API's 404 body", async () => {
    expect((await fetch(`${machineOnly}/api/health`)).status).toBe(200);
    const res = await fetch(`${machineOnly}/api/v1/decisions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(decision) });
    expect(res.status).toBe(200);
    const page = await fetch(`${machineOnly}/requests`);
    expect(page.status).toBe(404);
    expect((await page.json()).error.code).toBe("not_found");
  });
});
