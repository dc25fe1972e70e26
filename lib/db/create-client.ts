import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolConfig } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "../generated/prisma/client";
import { parseDatabaseUrl } from "./url";
import { LargeParamClient } from "./large-param";
import { env } from "../env";
import { logger } from "../logging/logger";

export type Db = PrismaClient;
export type DbHandle = {
  prisma: PrismaClient;
  pglite: PGlite | null;
  close: () => Promise<void>;
  /** The connection pool on PostgreSQL (its counts feed /metrics; its clients take large parameters, lib/db/large-param.ts); none on the embedded database. */
  pool?: Pool;
  /** One more connection on PostgreSQL whose commits do not wait for the WAL flush: cap reservation batches only (asyncCommitPoolOptions). */
  asyncCommitPool?: Pool;
};

type PoolSettings = Pick<typeof env, "DATABASE_POOL_SIZE" | "DATABASE_POOL_IDLE_SECONDS">;

/**
 * The PostgreSQL pool's settings. Idle connections stay open for DATABASE_POOL_IDLE_SECONDS (pg's own default closes
 * them after 10 s): after a quiet spell of a few seconds, the next burst of decisions would otherwise open up to a
 * pool's worth of connections at once (a server process each, authentication, every prepared statement again), and
 * those requests' latency is the tail (see README, Performance). TCP keep-alive lets a connection that a firewall
 * dropped while idle be noticed.
 */
export function pgPoolOptions(url: string, settings: PoolSettings): PoolConfig {
  return {
    connectionString: url,
    max: settings.DATABASE_POOL_SIZE,
    idleTimeoutMillis: settings.DATABASE_POOL_IDLE_SECONDS * 1000,
    keepAlive: true,
    // Idle connections do not keep a script's process alive (pg reopens one when a query needs it): before, a script
    // that did not close the pool exited 10 s after its last query; with a long idle timeout it would wait that long.
    allowExitOnIdle: true,
    // Session settings for the report queries: aggregate in memory rather than sort to disk, and skip JIT
    // compilation, which costs more than it saves on queries that finish in well under a second.
    // A DATABASE_URL with its own ?options= keeps those instead.
    ...(new URL(url).searchParams.has("options") ? {} : { options: "-c work_mem=32MB -c jit=off" }),
  };
}

/**
 * A pool of one connection whose transactions commit without waiting for their WAL to reach the disk
 * (`synchronous_commit = off`, added to the connection's startup options, after any the DATABASE_URL brings). Only
 * cap reservation batches use it (lib/caps/cap-usage.ts): a reservation is a hold on tokens until the usage arrives,
 * and the worst a database crash can do is forget the ones committed in the last fraction of a second, as if they had
 * expired early. Any later commit that waits (ingestion settling them, say) makes them durable too. Usage events,
 * audit entries and everything else stay on the main pool and wait for the flush.
 */
export function asyncCommitPoolOptions(url: string, settings: PoolSettings): PoolConfig {
  const target = new URL(url);
  const given = target.searchParams.get("options");
  target.searchParams.set("options", `${given ? `${given} ` : ""}-c synchronous_commit=off`);
  return { ...pgPoolOptions(target.toString(), settings), max: 1 };
}

/** Builds a Prisma client for a DATABASE_URL: embedded PGlite or a PostgreSQL server. */
export function createDb(url: string): DbHandle {
  const target = parseDatabaseUrl(url);
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      pglite,
      close: async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  const pool = new Pool({ ...pgPoolOptions(target.url, env), Client: LargeParamClient });
  // A pooled connection the server or the network drops while it sits idle is taken out of the pool, and the next
  // query opens a new one. Without a listener the pool's "error" event would end the process.
  pool.on("error", (err) => logger.warn({ err: err.message }, "an idle PostgreSQL connection was lost; the pool replaces it"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const fastCommit = new Pool(asyncCommitPoolOptions(target.url, env));
  fastCommit.on("error", (err) => logger.warn({ err: err.message }, "the idle reservation connection to PostgreSQL was lost; the pool replaces it"));
  return {
    prisma,
    pglite: null,
    pool,
    asyncCommitPool: fastCommit,
    close: async () => {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
      if (!fastCommit.ended) await fastCommit.end();
    },
  };
}
