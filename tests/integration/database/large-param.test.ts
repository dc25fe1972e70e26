import { describe, expect, it } from "vitest";
import { Client } from "pg";
import { dbHandle, prisma } from "@/lib/db/client";
import { withLargeParams } from "@/lib/db/large-param";
import { useTestDb } from "../../support/test-db";

// Ingestion's events go to PostgreSQL as a large parameter (lib/db/large-param.ts); on the embedded database as they are.
useTestDb();
const onServer = () => Boolean(dbHandle().pool);

describe("large parameters against the database", () => {
  it("reach the statement exactly as given, through Prisma's raw queries", async () => {
    const value = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i, text: `quote " backslash \\ brace { unicode é漢字 🚀 ${i}`, none: null })));
    const [row] = await withLargeParams(onServer(), [value, "[1,2,3]"], ([a, b]) =>
      prisma.$queryRawUnsafe<{ same: boolean; n: number; m: number }[]>(
        `SELECT $1::text = $3::text AS same, json_array_length($1::json) AS n, json_array_length($2::json) AS m`,
        a,
        b,
        value,
      ),
    );
    expect(row).toEqual({ same: true, n: 2000, m: 3 });
  });

  it("never reach PostgreSQL as a token: a connection that does not put them back is refused", async () => {
    if (!onServer()) return expect(onServer()).toBe(false);
    const conn = await dbHandle().pool!.connect();
    // pg's own query(), without the pool client's substitution.
    const plainQuery = (text: string, values: unknown[]) => (Client.prototype.query as (text: string, values: unknown[]) => Promise<unknown>).call(conn, text, values);
    try {
      await withLargeParams(true, ["[]"], async ([t]) => {
        await expect(plainQuery("SELECT $1::text", [t])).rejects.toThrow(/0x00/);
      });
    } finally {
      conn.release();
    }
  });
});
