import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "../generated/prisma/client";
import { parseDatabaseUrl } from "./url";
import { LargeParamClient } from "./large-param";
import { env } from "../env";

export type Db = PrismaClient;
export type DbHandle = {
  prisma: PrismaClient;
  pglite: PGlite | null;
  close: () => Promise<void>;
  /** The connection pool on PostgreSQL (its counts feed /metrics; its clients take large parameters, lib/db/large-param.ts); none on the embedded database. */
  pool?: Pool;
};

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
  const pool = new Pool({
    connectionString: target.url,
    max: env.DATABASE_POOL_SIZE,
    Client: LargeParamClient,
    // Session settings for the report queries: aggregate in memory rather than sort to disk, and skip JIT
    // compilation, which costs more than it saves on queries that finish in well under a second.
    // A DATABASE_URL with its own ?options= keeps those instead.
    ...(new URL(target.url).searchParams.has("options") ? {} : { options: "-c work_mem=32MB -c jit=off" }),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pglite: null,
    pool,
    close: async () => {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    },
  };
}
