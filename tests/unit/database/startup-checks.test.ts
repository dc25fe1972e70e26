import { describe, expect, it } from "vitest";
import { checkConfiguration, checkDatabase } from "@/lib/startup-checks";
import { parseDatabaseUrl } from "@/lib/db/url";
import { openSqlRunner } from "@/lib/database/sql-runner";

describe("startup configuration checks", () => {
  it("passes the embedded default in development", () => {
    expect(checkConfiguration({ NODE_ENV: "development", databaseUrl: "pglite:./.data/pglite" })).toEqual([]);
  });

  it("names NEXTAUTH_SECRET when it is missing in production", () => {
    expect(checkConfiguration({ NODE_ENV: "production", databaseUrl: "pglite:./x" })).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set/)]);
  });

  it("explains a DATABASE_URL that is neither pglite: nor postgresql:// without echoing the password", () => {
    const [msg] = checkConfiguration({ NODE_ENV: "development", databaseUrl: "mysql://u:secret@h/db" });
    expect(msg).toMatch(/DATABASE_URL must be pglite:<folder> .* or postgresql:\/\//);
    expect(msg).not.toContain("secret");
  });

  it("parses both kinds of URL", () => {
    expect(parseDatabaseUrl("pglite:memory")).toEqual({ kind: "pglite", dataDir: null });
    expect(parseDatabaseUrl("pglite:./.data/p")).toEqual({ kind: "pglite", dataDir: "./.data/p" });
    expect(parseDatabaseUrl("postgresql://u:p@localhost:5432/db")).toEqual({ kind: "postgres", url: "postgresql://u:p@localhost:5432/db" });
  });

  it("says the database cannot be reached, naming the host but not the password", async () => {
    const url = "postgresql://u:hunter2@127.0.0.1:1/nowhere";
    await expect(openSqlRunner(url)).rejects.toThrow(/Cannot reach the database at postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    const failing = { query: async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), exec: async () => undefined };
    const [msg] = await checkDatabase(failing, url);
    expect(msg).toMatch(/Cannot reach the database/);
    expect(msg).not.toContain("hunter2");
  });
});
