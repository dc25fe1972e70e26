import { describe, expect, it } from "vitest";
import { Client } from "pg";
import { dbHandle, prisma } from "@/lib/db/client";
import { useTestDb } from "../../support/test-db";

// Pooled connections now stay open while idle (DATABASE_POOL_IDLE_SECONDS), so one may be dropped by the server or the
// network while it waits: the pool must take it out and go on, without the worker ending on an unhandled "error".
useTestDb();

describe("the PostgreSQL pool", () => {
  it("replaces an idle connection the server ended, and the next query works", async () => {
    const pool = dbHandle().pool;
    if (!pool) return expect(dbHandle().pglite).not.toBeNull(); // the embedded database has no pool
    const conn = await pool.connect();
    const { rows } = await conn.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    conn.release();
    const lost = new Promise<Error>((resolve) => pool.once("error", resolve));

    const killer = new Client({ connectionString: pool.options.connectionString });
    await killer.connect();
    try {
      const { rows: killed } = await killer.query<{ ok: boolean }>("SELECT pg_terminate_backend($1) AS ok", [rows[0].pid]);
      expect(killed[0].ok).toBe(true);
    } finally {
      await killer.end();
    }

    expect((await lost).message).toMatch(/terminat/i);
    const [one] = await prisma.$queryRawUnsafe<{ n: number }[]>("SELECT 1 AS n");
    expect(one.n).toBe(1);
    const { rows: pids } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    expect(pids[0].pid).not.toBe(rows[0].pid);
  });
});
