import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readBuiltNextConfig, passBuiltConfigToNext } from "@/lib/server/built-next-config";

const dir = mkdtempSync(path.join(os.tmpdir(), "built-next-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(distDir: string, contents: string) {
  mkdirSync(path.join(dir, distDir), { recursive: true });
  writeFileSync(path.join(dir, distDir, "required-server-files.json"), contents);
}

describe("the configuration next build resolved", () => {
  it("is read from the build folder, and is null without a readable build", () => {
    build(".next-a", JSON.stringify({ version: 1, config: { distDir: ".next-a", poweredByHeader: false } }));
    build(".next-broken", "{ not json");
    expect(readBuiltNextConfig(".next-a", dir)).toEqual({ distDir: ".next-a", poweredByHeader: false });
    expect(readBuiltNextConfig(".next-broken", dir)).toBeNull();
    expect(readBuiltNextConfig(".next-missing", dir)).toBeNull();
  });

  it("goes to Next in __NEXT_PRIVATE_STANDALONE_CONFIG, unless one was given", () => {
    const target: Record<string, string | undefined> = {};
    expect(passBuiltConfigToNext(".next-nowhere", target, dir)).toBe(false);
    expect(target.__NEXT_PRIVATE_STANDALONE_CONFIG).toBeUndefined();
    const given = { __NEXT_PRIVATE_STANDALONE_CONFIG: '{"distDir":".custom"}' };
    expect(passBuiltConfigToNext(".next-nowhere", given, dir)).toBe(true);
    expect(given.__NEXT_PRIVATE_STANDALONE_CONFIG).toBe('{"distDir":".custom"}');
  });

  // The contract with Next this relies on (a private variable, so checked on every Next upgrade): its production
  // config loader takes the variable as it is, without reading next.config.ts or loading SWC.
  it("is what Next's config loader returns, without transpiling next.config.ts or loading SWC", () => {
    build(".next", JSON.stringify({ version: 1, config: { distDir: ".next", poweredByHeader: false, experimental: { marker: "built" } } }));
    writeFileSync(path.join(dir, "next.config.ts"), 'throw new Error("next.config.ts was evaluated");\nexport default {};\n');
    const env: Record<string, string | undefined> = { PATH: process.env.PATH, NODE_ENV: "production" };
    expect(passBuiltConfigToNext(".next", env, dir)).toBe(true);
    const script = `
      const { default: loadConfig } = require("next/dist/server/config");
      const { PHASE_PRODUCTION_SERVER } = require("next/constants");
      loadConfig(PHASE_PRODUCTION_SERVER, ${JSON.stringify(dir)}).then((config) => {
        const swc = Object.keys(require.cache).some((f) => f.includes("next-swc") || f.includes("/build/swc/"));
        console.log(JSON.stringify({ marker: config.experimental.marker, poweredByHeader: config.poweredByHeader, swc }));
      });`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), env: env as NodeJS.ProcessEnv, encoding: "utf8" });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ marker: "built", poweredByHeader: false, swc: false });
  });
});
