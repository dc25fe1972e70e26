import { describe, expect, it } from "vitest";
import { summarizeDependencyAudit } from "@/lib/security/dependency-audit";

const metadata = (counts: Record<string, number>) => ({ vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts }, dependencies: { prod: 212 } });

describe("summarizeDependencyAudit", () => {
  it("passes a report with only low and moderate findings", () => {
    const r = summarizeDependencyAudit({
      auditReportVersion: 2,
      vulnerabilities: { cookie: { name: "cookie", severity: "low", via: [{ title: "cookie accepts bad names", url: "https://github.com/advisories/GHSA-x" }], range: "<0.7.0" } },
      metadata: metadata({ low: 1 }),
    });
    expect(r.status).toBe("clean");
    expect(r.lines[0]).toContain("212 packages");
  });

  it("fails on a high or critical finding and names the package, range and advisory", () => {
    const r = summarizeDependencyAudit({
      auditReportVersion: 2,
      vulnerabilities: {
        next: { name: "next", severity: "critical", via: [{ title: "Authorization bypass in middleware", url: "https://github.com/advisories/GHSA-f82v" }], range: "15.0.0 - 15.2.2" },
        "some-wrapper": { name: "some-wrapper", severity: "high", via: ["next"] },
        cookie: { name: "cookie", severity: "moderate", via: [] },
      },
      metadata: metadata({ moderate: 1, high: 1, critical: 1 }),
    });
    expect(r.status).toBe("findings");
    expect(r.lines.slice(1)).toEqual([
      "  critical: next 15.0.0 - 15.2.2 (Authorization bypass in middleware https://github.com/advisories/GHSA-f82v)",
      "  high: some-wrapper (via next)",
    ]);
  });

  it("says nothing was checked when the registry has no advisory endpoint", () => {
    const r = summarizeDependencyAudit({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 });
    expect(r).toEqual({ status: "unavailable", lines: ["npm audit could not check anything: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk"] });
    expect(summarizeDependencyAudit(null).status).toBe("unavailable");
  });
});
