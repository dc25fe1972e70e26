import { describe, expect, it } from "vitest";
import { authSecret } from "@/lib/auth/secret";
import { checkConfiguration } from "@/lib/startup-checks";

describe("authSecret", () => {
  it("uses NEXTAUTH_SECRET when set", () => {
    expect(authSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "s3cret" })).toBe("s3cret");
  });
  it("falls back to a fixed secret in development and test only", () => {
    expect(authSecret({ NODE_ENV: "development" })).toBe(authSecret({ NODE_ENV: "test" }));
    expect(authSecret({ NODE_ENV: "development" })).toBeTruthy();
    expect(authSecret({ NODE_ENV: "production" })).toBeUndefined();
  });
  it("makes the production start-up stop with one message naming NEXTAUTH_SECRET", () => {
    const problems = checkConfiguration({ NODE_ENV: "production", databaseUrl: "pglite:./.data/x" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/NEXTAUTH_SECRET is not set/);
  });
});
