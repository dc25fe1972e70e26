import { randomUUID } from "node:crypto";
import { Client } from "pg";

// Prisma passes a raw statement's parameters through its query compiler: a 3 MB JSON parameter (an ingestion group)
// is stringified again, escaping every quote, copied in and out, and parsed back before `pg` sees it. A large
// parameter is instead held here and sent as a token; the pool's clients (LargeParamClient) put the value back just
// before `pg` writes the statement. The token starts with a NUL character, which no text sent to PostgreSQL can hold,
// so it never stands for anything a caller passed, and it is random and held only while its statement runs.

const PREFIX = "\u0000guardrail-large-param:";
// On globalThis, as the database client is: Next may bundle this module into several chunks, and the client that
// puts a value back must see the map the caller put it in.
const globalForParams = globalThis as unknown as { __guardrailLargeParams?: Map<string, string> };
const held = (globalForParams.__guardrailLargeParams ??= new Map<string, string>());

/** Values for a statement's parameters, with any held large parameter put back. */
export function resolveLargeParams(values: unknown[]): unknown[] {
  if (!held.size) return values;
  return values.map((v) => (typeof v === "string" && v.startsWith(PREFIX) ? (held.get(v) ?? v) : v));
}

/**
 * Runs `run` with stand-ins for `values` that the statement receives as the values themselves, without Prisma's
 * handling of them. Only where the statement goes to a pool of LargeParamClient (`enabled`); elsewhere (the embedded
 * database) `run` gets the values as they are.
 */
export async function withLargeParams<T>(enabled: boolean, values: string[], run: (params: string[]) => Promise<T>): Promise<T> {
  if (!enabled) return run(values);
  const tokens = values.map((v) => {
    const token = PREFIX + randomUUID();
    held.set(token, v);
    return token;
  });
  try {
    return await run(tokens);
  } finally {
    for (const t of tokens) held.delete(t);
  }
}

type QueryConfig = { values?: unknown[] };

/** `pg`'s client, putting held large parameters back into each statement's values (see above). */
export class LargeParamClient extends Client {
  // pg's own overloads (text + values, a config object, a callback) all pass through; only the values change.
  query(...args: unknown[]): never {
    const [first, second] = args;
    if (held.size === 0) return (Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
    const config = first as QueryConfig & { submit?: unknown };
    if (config && typeof config === "object" && typeof config.submit !== "function" && Array.isArray(config.values)) {
      args[0] = { ...config, values: resolveLargeParams(config.values) };
    } else if (Array.isArray(second)) {
      args[1] = resolveLargeParams(second);
    }
    return (Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
  }
}
