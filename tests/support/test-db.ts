// A fresh, migrated database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by TEST_DATABASE_URL (dropped again afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/create-client";
import { setDbHandle, closeDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/database/migrations";
import { openSqlRunner, pgliteRunner } from "@/lib/database/sql-runner";

export type TestDb = DbHandle & { url: string };

export async function createTestDb(): Promise<TestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const handle = createDb("pglite:memory");
    await applyMigrations(pgliteRunner(handle.pglite!));
    return { ...handle, url: "pglite:memory" };
  }
  const name = `guardrail_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const runner = await openSqlRunner(url.toString());
  await applyMigrations(runner);
  await runner.close();
  const handle = createDb(url.toString());
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await dropDatabase(server, name);
    },
  };
}

/**
 * Drops a test database once our own connections are closed. Not WITH (FORCE): that also tries to end
 * autovacuum workers, which a non-superuser may not signal; plain DROP DATABASE stops them itself. A database
 * still busy after a few tries is left behind with a warning (it holds only test data).
 */
async function dropDatabase(server: string, name: string) {
  const drop = new pg.Client({ connectionString: server });
  await drop.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await drop.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (e) {
        if (attempt >= 10 || (e as { code?: string }).code !== "55006") {
          console.warn(`test database ${name} was not dropped: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await drop.end();
  }
}

/** Installs a fresh database as the app's `prisma` for this test file. */
export function useTestDb(): () => TestDb {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await createTestDb();
    setDbHandle(db);
  });
  afterAll(async () => {
    await closeDb();
  });
  return () => {
    if (!db) throw new Error("useTestDb(): the database is created in beforeAll");
    return db;
  };
}
