import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, migrationStatus, MIGRATIONS_DIR, readMigrations } from "@/lib/database/migrations";
import { diffMigrationsToSchema } from "@/lib/database/schema-diff";
import { checkDatabase } from "@/lib/startup-checks";
import { createTestDb } from "../../support/test-db";
import { openSqlRunner } from "@/lib/database/sql-runner";

describe("migrations", () => {
  it("match schema.prisma exactly (Prisma's engine finds nothing to migrate)", async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });

  it("apply to a fresh database, record Prisma's checksums, and report nothing pending", async () => {
    const db = await createTestDb();
    const runner = await openSqlRunner(db.url === "pglite:memory" ? "pglite:memory" : db.url);
    try {
      if (db.url === "pglite:memory") await applyMigrations(runner);
      const status = await migrationStatus(runner);
      expect(status).toEqual({ applied: readMigrations().map((m) => m.name), pending: [], failed: [], drifted: [] });
      const rows = await runner.query<{ checksum: string }>(`SELECT checksum FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
      expect(await applyMigrations(runner)).toEqual([]);
      expect(await checkDatabase(runner, db.url)).toEqual([]);
    } finally {
      await runner.close();
      await db.close();
    }
  });

  it("tell the operator to migrate when the database is behind, and name an edited migration", async () => {
    const runner = await openSqlRunner("pglite:memory");
    try {
      expect((await checkDatabase(runner, "pglite:memory"))[0]).toMatch(/not applied .*Run: npm run db:migrate/);
      await applyMigrations(runner);
      const dir = mkdtempSync(path.join(tmpdir(), "guardrail-mig-"));
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const first = readMigrations(dir)[0];
      writeFileSync(path.join(dir, first.name, "migration.sql"), first.sql + "\n-- edited\n");
      expect((await migrationStatus(runner, readMigrations(dir))).drifted).toEqual([{ name: first.name, problem: "checksum_mismatch" }]);
      mkdirSync(path.join(dir, "29990101000000_later"));
      writeFileSync(path.join(dir, "29990101000000_later", "migration.sql"), `CREATE TABLE "Later" (id int);`);
      expect((await migrationStatus(runner, readMigrations(dir))).pending).toEqual(["29990101000000_later"]);
    } finally {
      await runner.close();
    }
  });

  it("record a failing migration with its log and refuse to continue past it", async () => {
    const runner = await openSqlRunner("pglite:memory");
    try {
      const dir = mkdtempSync(path.join(tmpdir(), "guardrail-bad-"));
      mkdirSync(path.join(dir, "20000101000000_bad"));
      writeFileSync(path.join(dir, "20000101000000_bad", "migration.sql"), `CREATE TABLE "A" (id int);\nSELECT * FROM "missing_table";`);
      await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow(/20000101000000_bad failed: .*missing_table/);
      const tables = await runner.query<{ t: string | null }>(`SELECT to_regclass('public."A"')::text AS t`);
      expect(tables[0].t).toBeNull();
      await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow(/failed earlier/);
    } finally {
      await runner.close();
    }
  });
});
