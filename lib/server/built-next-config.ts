import { readFileSync } from "node:fs";
import path from "node:path";

// Next's router reads next.config.ts itself even when the custom server hands it `conf`: it loads SWC (about 27 MB
// of native code resident in every worker) to transpile the file and everything it imports. Next's own standalone
// server avoids that by passing the configuration the build resolved (`config` in the build's
// required-server-files.json) in __NEXT_PRIVATE_STANDALONE_CONFIG, which its config loader takes as it is; so do we.

/** The configuration `next build` resolved, from `distDir`; null when there is no build there to read. */
export function readBuiltNextConfig(distDir: string, cwd = process.cwd()): Record<string, unknown> | null {
  try {
    const file = JSON.parse(readFileSync(path.join(cwd, distDir, "required-server-files.json"), "utf8")) as { config?: unknown };
    return file.config && typeof file.config === "object" ? (file.config as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Makes Next's production server take the built configuration instead of transpiling next.config.ts. */
export function passBuiltConfigToNext(distDir: string, target: Record<string, string | undefined> = process.env, cwd = process.cwd()): boolean {
  if (target.__NEXT_PRIVATE_STANDALONE_CONFIG) return true;
  const config = readBuiltNextConfig(distDir, cwd);
  if (!config) return false;
  target.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  return true;
}
