import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginUrl } from "@/lib/auth/same-origin-path";

// Finding 2 of issue 15: /signin?callbackUrl=/%5Cevil.example (and friends) sent the browser off-site.
// Query strings arrive decoded, so these are the values the page sees.
describe("sameOriginPath", () => {
  it.each([
    ["/\\evil"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil"],
    ["///evil"],
    ["https://evil"],
    ["https:evil.example"],
    ["http://localhost:3000.evil.example/"],
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["data:text/html,hi"],
    ["evil.example"],
    [""],
    [undefined],
    [["https://evil", "/requests"]],
  ])("sends %j home", (value) => {
    expect(sameOriginPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/requests/abc?tab=comments#c1", "/requests/abc?tab=comments#c1"],
    ["/approvals?status=pending", "/approvals?status=pending"],
    [["/usage"], "/usage"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(sameOriginPath(value)).toBe(expected);
  });

  it("never returns something a browser reads as another host", () => {
    for (const v of ["/.//evil", "/%2F/evil", "/%5C%5Cevil", "/./\\evil"]) {
      const out = sameOriginPath(v);
      expect(out.startsWith("/")).toBe(true);
      expect(out.startsWith("//")).toBe(false);
      expect(new URL(out, "https://portal.example").origin).toBe("https://portal.example");
    }
  });
});

describe("sameOriginUrl (next-auth's redirect callback)", () => {
  const base = "https://portal.example";
  it("keeps same-origin absolute URLs and paths, as absolute URLs on the base", () => {
    expect(sameOriginUrl("https://portal.example/requests?x=1", base)).toBe("https://portal.example/requests?x=1");
    expect(sameOriginUrl("/approvals", base)).toBe("https://portal.example/approvals");
  });
  it.each(["https://evil.example/", "/\\evil.example", "/\t/evil.example", "//evil", "javascript:alert(1)", "http://portal.example/"])(
    "sends %j to the base",
    (value) => {
      expect(sameOriginUrl(value, base)).toBe("https://portal.example/");
    },
  );
});
