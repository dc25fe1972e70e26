import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installAccessLog } from "@/lib/logging/access-log";
import { noteActorForRequest, noteActorForRequestId } from "@/lib/logging/request-log";
import { peerAddressHeader } from "@/lib/security/client-address";

// A real Node HTTP server stands in for `next start`: the access log hooks Node's own diagnostics channels.
const lines: string[] = [];
let server: http.Server;
let base = "";
let uninstall: () => void;

beforeAll(async () => {
  uninstall = installAccessLog((line) => lines.push(line));
  server = http.createServer((req, res) => {
    const id = req.headers["x-request-id"] as string;
    if (req.url === "/peer") return void res.end(String(req.headers[peerAddressHeader()]));
    if (req.url?.startsWith("/requests")) noteActorForRequestId(id, { type: "user", id: "person-1" });
    // The machine interface's auth hooks note the key on the Node request itself.
    if (req.url?.startsWith("/api/v1/usage-events")) noteActorForRequest(req, { type: "api_key", id: "key-7" });
    res.statusCode = req.url?.startsWith("/missing") ? 404 : 200;
    res.end(id);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  uninstall();
  server.close();
});

const waitForLines = async (n: number) => {
  for (let i = 0; i < 100 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 10));
};

describe("access log", () => {
  it("hands the app the connection's address under the server's own header, overwriting one a client sent", async () => {
    const res = await fetch(`${base}/peer`, { headers: { [peerAddressHeader()]: "203.0.113.66", "x-forwarded-for": "198.51.100.1" } });
    expect(await res.text()).toBe("127.0.0.1");
  });

  it("writes one JSON line per request with its id, the person, the path without the query, status and duration", async () => {
    lines.length = 0;
    const res = await fetch(`${base}/requests/abc?token=grk_secretvalue123`, { headers: { authorization: "Bearer grk_secretvalue123" } });
    const id = await res.text();
    expect(res.headers.get("x-request-id")).toBe(id);
    await waitForLines(1);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ requestId: id, actorType: "user", actorId: "person-1", route: "/requests/abc", method: "GET", status: 200 });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines[0]).not.toContain("grk_secretvalue123");
  });

  it("keeps a caller's plain X-Request-Id, logs anonymous requests and real statuses, the machine interface too, not static assets", async () => {
    lines.length = 0;
    await (await fetch(`${base}/missing`, { headers: { "x-request-id": "trace-0001-abc" } })).text();
    await (await fetch(`${base}/api/v1/decisions`)).text();
    await (await fetch(`${base}/api/v1/usage-events`)).text();
    await (await fetch(`${base}/_next/static/chunk.js`)).text();
    await waitForLines(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ requestId: "trace-0001-abc", actorType: "anonymous", actorId: null, route: "/missing", status: 404 }),
      expect.objectContaining({ actorType: "anonymous", route: "/api/v1/decisions", status: 200 }),
      expect.objectContaining({ actorType: "api_key", actorId: "key-7", route: "/api/v1/usage-events", status: 200 }),
    ]);
  });
});
