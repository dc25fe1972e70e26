// Settings shared by playwright.config.ts and scripts/e2e-setup.ts so both name the same database and keys.
import path from "node:path";

export const E2E_SEED_API_KEY = "grk_e2e_test_key_0123456789";
export const E2E_NEXTAUTH_SECRET = "guardrail-e2e-secret-not-for-production-0123456789";
/** Ed25519 key (base64 PKCS#8 DER) that signs the e2e server's audit checkpoints; a test key, never used elsewhere. */
export const E2E_AUDIT_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIPUaTb4+yuRvHKsRXG6dixZNOCM5elpg13K+0WRPiFmV";
/** Where the e2e server appends its checkpoints (cleared with the database by scripts/e2e-setup.ts). */
export const E2E_CHECKPOINT_DIR = "./.data/e2e-checkpoints";
export const E2E_OIDC_CLIENT = { id: "guardrail-e2e", secret: "guardrail-e2e-client-secret-0123456789", name: "Test SSO" };

/**
 * The e2e database: E2E_DATABASE_URL, else guardrail_e2e_<user> on TEST_DATABASE_URL's server (one per role, so
 * a database another role left behind, which this role could not reset, never gets in the way), else a PGlite folder.
 */
export function e2eDatabaseUrl(env: Partial<Record<string, string>> = process.env): string {
  if (env.E2E_DATABASE_URL) return env.E2E_DATABASE_URL;
  if (env.TEST_DATABASE_URL) {
    const url = new URL(env.TEST_DATABASE_URL);
    const user = decodeURIComponent(url.username).toLowerCase().replace(/[^a-z0-9_]/g, "_") || "default";
    url.pathname = `/guardrail_e2e_${user}`;
    return url.toString();
  }
  return "pglite:./.data/e2e";
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * The e2e run wipes its database, so it only accepts a PostgreSQL server on this machine with "e2e" in the
 * database name, or a PGlite folder inside this checkout.
 */
export function assertLocalE2eDatabase(url: string, cwd = process.cwd()): void {
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length).replace(/^\/\//, "");
    const resolved = path.resolve(cwd, dir);
    if (dir === "memory" || !resolved.startsWith(path.resolve(cwd) + path.sep))
      throw new Error(`Refusing to run e2e on ${url}: use a PGlite folder inside this checkout, e.g. pglite:./.data/e2e`);
    return;
  }
  const parsed = new URL(url);
  const db = parsed.pathname.slice(1);
  if (!LOCAL_HOSTS.has(parsed.hostname) || !db.includes("e2e"))
    throw new Error(`Refusing to reset ${parsed.hostname}/${db} for e2e: only a local PostgreSQL database whose name contains "e2e" may be wiped.`);
}
