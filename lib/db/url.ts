// Parses DATABASE_URL into the kind of database it names. No side effects, so scripts and tests share it.
export type DbTarget = { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string };

export class DatabaseConfigError extends Error {}

export function parseDatabaseUrl(url: string): DbTarget {
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length).replace(/^\/\//, "");
    if (!dir) throw new DatabaseConfigError(`DATABASE_URL "${url}" names no folder: use pglite:./.data/pglite or pglite:memory`);
    return { kind: "pglite", dataDir: dir === "memory" ? null : dir };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseConfigError(`DATABASE_URL is not a valid URL: expected postgresql://user:password@host:5432/database`);
    }
    return { kind: "postgres", url };
  }
  throw new DatabaseConfigError(
    `DATABASE_URL must be pglite:<folder> (embedded, the default) or postgresql://user:password@host:5432/database; got "${url.replace(/:[^:@/]*@/, ":***@")}"`,
  );
}
