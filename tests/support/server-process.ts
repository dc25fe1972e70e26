// Starting the built app the way production does (`npm start`'s launcher) for the reliability tests.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/create-client";
import { closeDb, setDbHandle } from "@/lib/db/client";
import { applyMigrations } from "@/lib/database/migrations";
import { pgliteRunner } from "@/lib/database/sql-runner";
import { createTestDb } from "./test-db";

export const distDir = process.env.NEXT_DIST_DIR || ".next";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type LaunchedServer = {
  child: ChildProcess;
  url: string;
  /** everything the launcher and its workers printed so far */
  output: () => string;
  exited: Promise<number | null>;
};

/** `node --import tsx scripts/start.ts` on a free port, with the test's environment on top of the process's. */
export async function launchServer(env: Record<string, string>): Promise<LaunchedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXTAUTH_SECRET: "launcher-test-secret", NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, url, output: () => output, exited };
}

export async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not become healthy");
}

/** The launcher's workers (scripts/server.ts), from /proc. */
export function workerPids(pid: number): number[] {
  const children = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(children)) return [];
  return readFileSync(children, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((child) => existsSync(`/proc/${child}/cmdline`) && readFileSync(`/proc/${child}/cmdline`, "utf8").includes("scripts/server.ts"));
}

export type ServerDatabase = {
  url: string;
  pglite: boolean;
  /** Lets the server open it: closes this process's PGlite (a folder takes one process at a time). */
  release: () => Promise<void>;
  /** Opens it again in this process after the server stopped. */
  reopen: () => void;
  cleanup: () => Promise<void>;
};

/**
 * A migrated database for a server process, set as this process's database too: a PGlite folder, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
export async function createServerDatabase(): Promise<ServerDatabase> {
  if (process.env.TEST_DATABASE_URL) {
    const db = await createTestDb();
    setDbHandle(db);
    return { url: db.url, pglite: false, release: async () => undefined, reopen: () => undefined, cleanup: closeDb };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "guardrail-server-"));
  const url = `pglite:${dir}`;
  const handle = createDb(url);
  await applyMigrations(pgliteRunner(handle.pglite!));
  setDbHandle(handle);
  return {
    url,
    pglite: true,
    release: async () => {
      await handle.pglite!.close();
    },
    reopen: () => setDbHandle(createDb(url)),
    cleanup: async () => {
      await closeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
