import { createDb, type DbHandle } from "./create-client";
import { env } from "../env";

// One client per process. Kept on globalThis because Next bundles this module into several chunks,
// and PGlite must never open the same data folder twice.
const globalForDb = globalThis as unknown as { __guardrailDb?: DbHandle };

export function dbHandle(): DbHandle {
  globalForDb.__guardrailDb ??= createDb(env.databaseUrl);
  return globalForDb.__guardrailDb;
}

export const prisma = new Proxy({} as DbHandle["prisma"], {
  get(_target, prop) {
    const client = dbHandle().prisma;
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Lets tests and scripts swap in their own database. */
export function setDbHandle(handle: DbHandle) {
  globalForDb.__guardrailDb = handle;
}

export async function closeDb() {
  const handle = globalForDb.__guardrailDb;
  globalForDb.__guardrailDb = undefined;
  if (handle) await handle.close();
}
