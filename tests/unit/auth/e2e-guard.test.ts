import { describe, expect, it } from "vitest";
import { assertLocalE2eDatabase, e2eDatabaseUrl } from "@/e2e/support/e2e-env";

describe("the e2e database", () => {
  it("is a PGlite folder by default, or guardrail_e2e_<role> on the TEST_DATABASE_URL server", () => {
    expect(e2eDatabaseUrl({})).toBe("pglite:./.data/e2e");
    expect(e2eDatabaseUrl({ TEST_DATABASE_URL: "postgresql://g:g@127.0.0.1:5432/postgres" })).toBe("postgresql://g:g@127.0.0.1:5432/guardrail_e2e_g");
    expect(e2eDatabaseUrl({ TEST_DATABASE_URL: "postgresql://guardrail-CI:x@127.0.0.1/postgres" })).toBe("postgresql://guardrail-CI:x@127.0.0.1/guardrail_e2e_guardrail_ci");
    expect(e2eDatabaseUrl({ E2E_DATABASE_URL: "pglite:./.data/mine", TEST_DATABASE_URL: "postgresql://x@127.0.0.1/y" })).toBe("pglite:./.data/mine");
  });

  it("refuses anything the run must not wipe", () => {
    const cwd = "/work/app";
    expect(() => assertLocalE2eDatabase("pglite:./.data/e2e", cwd)).not.toThrow();
    expect(() => assertLocalE2eDatabase("postgresql://g:g@127.0.0.1:5432/guardrail_e2e", cwd)).not.toThrow();
    expect(() => assertLocalE2eDatabase("postgresql://g:g@localhost/guardrail_e2e", cwd)).not.toThrow();
    expect(() => assertLocalE2eDatabase("postgresql://g:g@db.prod.internal:5432/guardrail_e2e", cwd)).toThrow(/Refusing/);
    expect(() => assertLocalE2eDatabase("postgresql://g:g@127.0.0.1:5432/guardrail", cwd)).toThrow(/Refusing/);
    expect(() => assertLocalE2eDatabase("pglite:/var/lib/guardrail", cwd)).toThrow(/Refusing/);
    expect(() => assertLocalE2eDatabase("pglite:../elsewhere", cwd)).toThrow(/Refusing/);
    expect(() => assertLocalE2eDatabase("pglite:memory", cwd)).toThrow(/Refusing/);
  });
});
