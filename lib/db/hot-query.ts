import { dbHandle } from "./client";

/**
 * A statement on the decision path, sent as a named prepared statement straight to the `pg` pool on PostgreSQL:
 * each connection parses and plans it once, and the call skips Prisma's request pipeline. On the embedded database
 * (no pool) it goes through Prisma like every other query. `name` must be unique per statement text.
 * Numbers of type bigint come back as strings from `pg` and as bigint from Prisma: callers convert with Number().
 */
export async function hotQuery<T>(name: string, text: string, values: unknown[], opts: { asyncCommit?: boolean } = {}): Promise<T[]> {
  const handle = dbHandle();
  // asyncCommit: on the connection whose commits do not wait for the WAL flush (see asyncCommitPoolOptions in create-client.ts).
  const pool = opts.asyncCommit ? (handle.asyncCommitPool ?? handle.pool) : handle.pool;
  if (pool) {
    const result = await pool.query<T & object>({ name, text, values });
    return result.rows;
  }
  return handle.prisma.$queryRawUnsafe<T[]>(text, ...values);
}
