import { Client } from "pg";
import { existsSync, readFileSync } from "node:fs";

export type ScratchDatabase = {
  /** the seeded database the copy was made from */
  source: string;
  /** CPU seconds the connection's PostgreSQL backend has used (PostgreSQL runs on this machine) */
  backendCpu: () => number;
};

/** A reader of the CPU seconds the connection's PostgreSQL backend has used, from /proc (NaN when PostgreSQL runs elsewhere). */
export async function backendCpuReader(c: Client): Promise<() => number> {
  const pid = (await c.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  return () => {
    const stat = `/proc/${pid}/stat`;
    if (!existsSync(stat)) return NaN;
    const f = readFileSync(stat, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  };
}

/**
 * A throwaway copy of a seeded PostgreSQL database (`CREATE DATABASE … TEMPLATE`, so nobody may be connected to the
 * source meanwhile): its URL, and `drop` once every connection to it is closed.
 */
export async function createScratchCopy(url: string, label: string): Promise<{ url: string; source: string; drop: () => Promise<void> }> {
  if (!url.startsWith("postgres")) throw new Error("Set DATABASE_URL to a seeded PostgreSQL database.");
  const source = decodeURIComponent(new URL(url).pathname.slice(1));
  const scratch = `${source}_${label}_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${scratch}" TEMPLATE "${source}"`);
  } finally {
    await admin.end();
  }
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${scratch}`;
  return {
    url: scratchUrl.toString(),
    source,
    drop: async () => {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * Runs `work` on one connection to a throwaway copy of a seeded PostgreSQL database (createScratchCopy), so that every
 * batch can commit as ingestion does; the copy is dropped afterwards.
 */
export async function withScratchDatabase<T>(url: string, label: string, work: (c: Client, db: ScratchDatabase) => Promise<T>): Promise<T> {
  const copy = await createScratchCopy(url, label);
  const c = new Client({ connectionString: copy.url });
  try {
    await c.connect();
    const backendCpu = await backendCpuReader(c);
    return await work(c, { source: copy.source, backendCpu });
  } finally {
    await c.end().catch(() => undefined);
    await copy.drop();
  }
}
