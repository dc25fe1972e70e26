// Database commands: npm run db:migrate | db:status | db:reset | db:new -- <name> | db:check
// On a production install (after `npm run build`): npm run db:deploy (node dist/db.js migrate).
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "../lib/env";
import { applyMigrations, migrationStatus, MIGRATIONS_DIR, resetDatabase } from "../lib/database/migrations";
import { openSqlRunner } from "../lib/database/sql-runner";
// `new` and `check` load Prisma's schema engine (a dev dependency: authoring only) through ./schema-diff, imported
// when they run, so migrate/status/reset work on a production install without dev dependencies.
const schemaDiff = () => import("../lib/database/schema-diff");

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const [command, ...args] = process.argv.slice(2);

async function withRunner<T>(fn: (db: Awaited<ReturnType<typeof openSqlRunner>>) => Promise<T>): Promise<T> {
  const db = await openSqlRunner(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function main() {
  switch (command) {
    case "migrate": {
      const applied = await withRunner((db) => applyMigrations(db));
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
      return;
    }
    case "status": {
      const s = await withRunner((db) => migrationStatus(db));
      console.log(`Applied: ${s.applied.length}. Pending: ${s.pending.length ? s.pending.join(", ") : "none"}.`);
      if (s.failed.length) console.log(`Failed: ${s.failed.join(", ")}`);
      for (const d of s.drifted) console.log(`Drift: ${d.name} (${d.problem === "missing_locally" ? "applied but missing from prisma/migrations" : "edited after it was applied"})`);
      if (s.pending.length || s.failed.length || s.drifted.length) process.exitCode = 1;
      return;
    }
    case "reset": {
      if (process.env.NODE_ENV === "production" && !args.includes("--force")) {
        throw new Error("Refusing to reset a production database without --force.");
      }
      await withRunner(async (db) => {
        await resetDatabase(db);
        const applied = await applyMigrations(db);
        console.log(`Reset the database and applied ${applied.length} migration(s).`);
      });
      return;
    }
    case "new": {
      const name = (args[0] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
      if (!name) throw new Error("Name the migration: npm run db:new -- add_something");
      const { diffMigrationsToSchema, MIGRATION_LOCK } = await schemaDiff();
      const sql = await diffMigrationsToSchema();
      if (!sql) {
        console.log("schema.prisma and prisma/migrations already agree: nothing to create.");
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), sql);
      const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, MIGRATION_LOCK);
      console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql. Review it, then run npm run db:migrate.`);
      return;
    }
    case "check": {
      const { diffMigrationsToSchema } = await schemaDiff();
      const sql = await diffMigrationsToSchema();
      if (sql) {
        console.error("schema.prisma and prisma/migrations disagree. Create a migration with: npm run db:new -- <name>\n\n" + sql);
        process.exitCode = 1;
      } else console.log("schema.prisma and prisma/migrations agree.");
      return;
    }
    default:
      console.error("usage: tsx scripts/db.ts migrate|status|reset|new <name>|check (built: node dist/db.js migrate|status|reset)");
      process.exitCode = 2;
  }
}

main().catch((e) => {
  console.error(`db ${command}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
