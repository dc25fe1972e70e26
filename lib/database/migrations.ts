import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

// Applies prisma/migrations the way `prisma migrate deploy` does (same folder layout, same _prisma_migrations
// table and checksums), so a machine with Prisma's native engine agrees with what we did here.

export const MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma/migrations");
const PRISMA_MIGRATE_LOCK = 72707369;

export type Migration = { name: string; sql: string; checksum: string };

/** The minimal SQL surface shared by PGlite and a node-postgres client. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function appliedMigrations(db: SqlRunner): Promise<AppliedRow[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('public._prisma_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  return db.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  failed: string[];
  /** applied in the database but missing from the folder, or edited after being applied */
  drifted: { name: string; problem: "missing_locally" | "checksum_mismatch" }[];
};

export async function migrationStatus(db: SqlRunner, migrations = readMigrations()): Promise<MigrationStatus> {
  const rows = (await appliedMigrations(db)).filter((r) => !r.rolled_back_at);
  const byName = new Map(rows.map((r) => [r.migration_name, r]));
  const local = new Map(migrations.map((m) => [m.name, m]));
  const status: MigrationStatus = { applied: [], pending: [], failed: [], drifted: [] };
  for (const m of migrations) {
    const row = byName.get(m.name);
    if (!row) status.pending.push(m.name);
    else if (!row.finished_at) status.failed.push(m.name);
    else {
      status.applied.push(m.name);
      if (row.checksum !== m.checksum) status.drifted.push({ name: m.name, problem: "checksum_mismatch" });
    }
  }
  for (const r of rows) if (!local.has(r.migration_name)) status.drifted.push({ name: r.migration_name, problem: "missing_locally" });
  return status;
}

export class MigrationError extends Error {}

/** Applies pending migrations, each in its own transaction, under Prisma's advisory lock. */
export async function applyMigrations(db: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  await db.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`);
  try {
    await db.exec(CREATE_TABLE);
    const status = await migrationStatus(db, migrations);
    if (status.failed.length) {
      throw new MigrationError(
        `Migration ${status.failed[0]} failed earlier and is recorded as unfinished. Fix the database, then run: npm run db:reset (development) or resolve it by hand.`,
      );
    }
    const applied: string[] = [];
    for (const m of migrations.filter((x) => status.pending.includes(x.name))) {
      const id = randomUUID();
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, m.checksum, m.name],
      );
      try {
        await db.exec(`BEGIN;\n${m.sql}\nCOMMIT;`);
      } catch (e) {
        await db.exec("ROLLBACK").catch(() => undefined);
        const message = e instanceof Error ? e.message : String(e);
        await db.query(`UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2`, [message, id]);
        throw new MigrationError(`Migration ${m.name} failed: ${message}`);
      }
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK})`);
  }
}

/** Drops everything in the public schema (development and tests only). */
export async function resetDatabase(db: SqlRunner) {
  await db.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;`);
}
