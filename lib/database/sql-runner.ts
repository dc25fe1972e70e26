import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { mkdirSync } from "node:fs";
import { parseDatabaseUrl } from "../db/url";
import type { SqlRunner } from "./migrations";

export type OpenRunner = SqlRunner & { close(): Promise<void> };

/** A raw SQL connection (no Prisma) for migrations and database scripts. */
export async function openSqlRunner(url: string): Promise<OpenRunner> {
  const target = parseDatabaseUrl(url);
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const db = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await db.waitReady;
    return pgliteRunner(db, () => db.close());
  }
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(describeConnectError(target.url, e));
  }
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (script: string) => {
      await client.query(script);
    },
    close: () => client.end(),
  };
}

export function pgliteRunner(db: PGlite, close: () => Promise<void> = async () => undefined): OpenRunner {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (script: string) => {
      await db.exec(script);
    },
    close,
  };
}

export function describeConnectError(url: string, e: unknown): string {
  const safe = url.replace(/:[^:@/]*@/, ":***@");
  const code = (e as { code?: string })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || /timeout/i.test(msg))
    return `Cannot reach the database at ${safe} (${code ?? msg}). Start PostgreSQL or fix DATABASE_URL; leave DATABASE_URL unset to use the embedded database.`;
  if (code === "28P01" || code === "28000") return `The database at ${safe} refused the credentials. Check the user and password in DATABASE_URL.`;
  if (code === "3D000") return `The database named in ${safe} does not exist. Create it (createdb) or fix DATABASE_URL.`;
  return `Cannot connect to the database at ${safe}: ${msg}`;
}
