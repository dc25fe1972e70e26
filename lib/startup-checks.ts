import { env } from "./env";
import { DatabaseConfigError, parseDatabaseUrl } from "./db/url";
import { migrationStatus, type SqlRunner } from "./database/migrations";
import { describeConnectError, openSqlRunner } from "./database/sql-runner";
import { logger } from "./logging/logger";

export class StartupError extends Error {}

/** Configuration problems that must stop the server, each as one sentence saying what to set or run. */
export function checkConfiguration(e: { NODE_ENV: string; NEXTAUTH_SECRET?: string; databaseUrl: string }): string[] {
  const problems: string[] = [];
  if (e.NODE_ENV === "production" && !e.NEXTAUTH_SECRET)
    problems.push("NEXTAUTH_SECRET is not set. Set it to a long random value (e.g. `openssl rand -base64 32`) before starting in production.");
  try {
    parseDatabaseUrl(e.databaseUrl);
  } catch (err) {
    if (err instanceof DatabaseConfigError) problems.push(err.message);
    else throw err;
  }
  return problems;
}

/** Checks that the database answers and that every migration in prisma/migrations has been applied. */
export async function checkDatabase(db: SqlRunner, url: string): Promise<string[]> {
  try {
    await db.query("SELECT 1");
  } catch (err) {
    return [describeConnectError(url, err)];
  }
  const s = await migrationStatus(db);
  const problems: string[] = [];
  if (s.failed.length) problems.push(`Migration ${s.failed[0]} failed and is unfinished. Fix it, then run: npm run db:migrate (npm run db:deploy on a production install)`);
  if (s.pending.length)
    problems.push(`The database is behind the code: ${s.pending.length} migration(s) not applied (${s.pending.join(", ")}). Run: npm run db:migrate (npm run db:deploy on a production install)`);
  const drift = s.drifted[0];
  if (drift)
    problems.push(
      drift.problem === "missing_locally"
        ? `The database has migration ${drift.name}, which this code does not know. Deploy the matching code or restore prisma/migrations.`
        : `Migration ${drift.name} was edited after it was applied. Restore the original file; add schema changes as a new migration (npm run db:new).`,
    );
  return problems;
}

export async function runStartupChecks(): Promise<void> {
  const problems = checkConfiguration({ NODE_ENV: env.NODE_ENV, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET, databaseUrl: env.databaseUrl });
  if (!problems.length) {
    if (parseDatabaseUrl(env.databaseUrl).kind === "postgres") {
      // A plain driver connection reports connection errors by their code (refused, bad password, no database).
      let runner: Awaited<ReturnType<typeof openSqlRunner>> | null = null;
      try {
        runner = await openSqlRunner(env.databaseUrl);
        problems.push(...(await checkDatabase(runner, env.databaseUrl)));
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      } finally {
        await runner?.close();
      }
    } else {
      // PGlite: only this process may open the folder, so go through the app's own client.
      const { prisma } = await import("./db/client");
      const runner: SqlRunner = {
        query: (sql, params) => prisma.$queryRawUnsafe(sql, ...(params ?? [])),
        exec: async (sql) => {
          await prisma.$executeRawUnsafe(sql);
        },
      };
      problems.push(...(await checkDatabase(runner, env.databaseUrl)));
    }
  }
  if (problems.length) throw new StartupError(problems.join("\n"));
}

/** For the server (lib/server/http-server.ts): print the problems and stop the process instead of failing on the first request. */
export async function runStartupChecksOrExit(): Promise<void> {
  try {
    await runStartupChecks();
  } catch (e) {
    if (e instanceof StartupError) {
      logger.fatal({ problem: e.message }, `Guardrail cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
