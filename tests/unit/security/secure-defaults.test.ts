import { describe, expect, it } from "vitest";
import { demoSignInEnabled } from "@/lib/env";
import nextConfig from "@/next.config";
import { runtimeSecurityHeaders, securityHeaders } from "@/lib/security-headers";

describe("demo sign-in default", () => {
  it.each([
    ["production", undefined, false],
    ["production", "false", false],
    ["production", "true", true],
    ["production", "1", true],
    ["development", undefined, true],
    ["test", undefined, true],
    ["development", "false", false],
  ])("NODE_ENV=%s DEMO_SIGNIN=%s → %s", (nodeEnv, flag, expected) => {
    expect(demoSignInEnabled(nodeEnv, flag)).toBe(expected);
  });
});

describe("security headers", () => {
  const byKey = (headers: { key: string; value: string }[]) => Object.fromEntries(headers.map((h) => [h.key, h.value]));

  it("refuses framing, sets a referrer policy, and adds HSTS only for an https public URL", () => {
    const http = byKey(securityHeaders({ dev: false, https: false }));
    expect(http["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(http["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(http["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(byKey(securityHeaders({ dev: false, https: true }))["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });
});

describe("security headers at run time", () => {
  it("add HSTS from the configured public URL, whatever the build saw", () => {
    expect(runtimeSecurityHeaders({ dev: false, publicUrl: "https://guardrail.example.com" })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(runtimeSecurityHeaders({ dev: false, publicUrl: "HTTPS://GUARDRAIL.EXAMPLE.COM" })["Strict-Transport-Security"]).toBeDefined();
    expect(runtimeSecurityHeaders({ dev: false, publicUrl: "http://localhost:3000" })["Strict-Transport-Security"]).toBeUndefined();
    expect(runtimeSecurityHeaders({ dev: true, publicUrl: "http://localhost:3000" })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });

  it("are not written into Next's build: next.config has no headers()", () => {
    // With headers() the routes manifest would fix HSTS (and the CSP) at `npm run build` time.
    expect(nextConfig.headers).toBeUndefined();
  });
});
