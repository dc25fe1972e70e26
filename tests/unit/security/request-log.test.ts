import { describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/api-keys/key-hash";
import { formatRequestLog, redactSecrets, requestIdFrom, routeOf } from "@/lib/logging/request-log";

// The access log itself, on a real server, is tested in tests/unit/security/access-log.test.ts and
// tests/integration/api/machine-server.test.ts (API key requests, nothing secret in a line).
describe("request log", () => {
  it("masks keys, bearer values and JWTs in free text", () => {
    const key = generateApiKey();
    expect(redactSecrets(`got ${key} and Authorization: Bearer abc.def-123`)).toBe("got [redacted] and Authorization: [redacted]");
    expect(redactSecrets("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end")).toBe("token [redacted] end");
    expect(formatRequestLog({ time: "t", requestId: "r", actorType: "user", actorId: key, route: `/x/${key}`, method: "get", status: 200, durationMs: 1.234 })).not.toContain(key);
  });

  it("masks credentials in any case of the scheme, and leaves other text as it is", () => {
    expect(redactSecrets("BEARER abc123 and basic dXNlcjpwYXNz")).toBe("[redacted] and [redacted]");
    expect(redactSecrets("/api/v1/decisions")).toBe("/api/v1/decisions");
    expect(redactSecrets("a plain sentence")).toBe("a plain sentence");
  });

  it("logs a route as URL parsing reads its path, without the query or fragment", () => {
    const key = generateApiKey();
    const cases = [
      "/api/v1/decisions",
      "/api/v1/usage-events?dryRun=1",
      "/requests#top",
      "/a/../b/./c",
      "/a%2Fb",
      "/with space",
      "//evil.example/path",
      "/back\\slash",
      "/%2e%2e/x",
      `/x/${key}?k=${key}`,
    ];
    for (const url of cases) expect(routeOf(url), url).toBe(redactSecrets(new URL(url, "http://localhost").pathname).slice(0, 300));
    expect(routeOf(`/x/${key}`)).toBe("/x/[redacted]");
  });

  it("accepts only plain request ids from the caller", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-12345" }))).toBe("abc-12345");
    expect(requestIdFrom(new Headers({ "x-request-id": "bad id with spaces" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers({ "x-request-id": "x".repeat(500) }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
