import { z } from "zod";
import { parseTrustProxy } from "./security/client-address";

// The one place that reads the environment. Everything else imports `env`.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().optional(),
  DEMO_SIGNIN: z.enum(["true", "false", "1", "0"]).optional(),
  COMPANY_TIME_ZONE: z.string().default("UTC"),
  // npm run db:seed: "demo" (90 days, ~300k events) or "test" (14 days, ~20k events); the gateway key's value
  SEED_PROFILE: z.string().default("demo"),
  SEED_API_KEY: z.string().optional(),
  /** npm run db:seed: the value of a SCIM token (scope scim) for an identity provider, for demos and tests */
  SEED_SCIM_TOKEN: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  /** How stale the in-memory policy snapshot and person directory may get before a cheap change probe (ms). */
  POLICY_REFRESH_MS: z.coerce.number().int().min(0).optional(),
  /** Sign-in attempts allowed at once per address and account, then one more every 6 s. */
  SIGNIN_RATE_BURST: z.coerce.number().int().min(1).default(10),
  /** Requests allowed at once per API key, and the sustained rate per second. */
  API_RATE_BURST: z.coerce.number().int().min(1).default(600),
  API_RATE_PER_SECOND: z.coerce.number().min(1).default(100),
  /** How long a decision's token reservation holds when no matching usage arrives (seconds). */
  CAP_RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).default(600),
  /** How long an idle keep-alive connection stays open (seconds); above the idle timeout of any proxy or gateway pool in front. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(72),
  /** Usage-event batches processed at once per server, shared by its workers (the rest wait with their bodies unread). */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  /** npm start: how many server workers share the port ("auto": one per core; always 1 on the embedded database). */
  WEB_CONCURRENCY: z.string().optional(),
  /** "true": serve the machine interface (/api/v1, ...) alone, without the portal, to scale it out separately. */
  MACHINE_API_ONLY: z.enum(["true", "false", "1", "0"]).optional(),
  /** Set by npm start for its workers: per-process budgets (rate limits) are divided by it. */
  GUARDRAIL_WORKERS: z.coerce.number().int().min(1).default(1),
  /** Ed25519 private key (PEM, or base64 of the PKCS#8 DER) that signs audit checkpoints. */
  AUDIT_SIGNING_KEY: z.string().optional(),
  /** Directory (mounted by the operator, ideally append-only or off-host) that receives checkpoints.jsonl. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** "off" stops the in-server scheduler and outbox delivery (e.g. for a read-only replica of the portal). */
  SCHEDULER: z.enum(["on", "off"]).optional(),
  /** "off": every decision reads the cap counters from the database instead of this worker's memory (lib/caps/cap-counter-cache.ts). */
  CAP_COUNTER_CACHE: z.enum(["on", "off"]).default("on"),
  /** Proxies in front of the server whose X-Forwarded-For counts: a hop count, or addresses/CIDRs. Unset: none. */
  TRUST_PROXY: z.string().optional(),
  /** Absolute lifetime of a signed-in session (hours): it ends then however active it is. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Connections each process keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  /** How long a pooled PostgreSQL connection may sit idle before it is closed (seconds); 0 keeps them open. */
  DATABASE_POOL_IDLE_SECONDS: z.coerce.number().int().min(0).default(600),
  /** Bearer token that GET /metrics (Prometheus) requires; unset: /metrics answers 404. */
  METRICS_TOKEN: z.string().optional().transform((v) => v?.trim() || undefined),
  /** Level of the JSON log lines (lib/logging/logger.ts): fatal, error, warn, info (default), debug, trace, silent. */
  LOG_LEVEL: z.string().optional(),
  /** Next's build folder (separate folders let several servers run side by side: tests, benchmarks). */
  NEXT_DIST_DIR: z.string().optional().transform((v) => v || ".next"),
});

const parsed = schema.parse(process.env);

export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite";

export const env = {
  ...parsed,
  databaseUrl: parsed.DATABASE_URL || DEFAULT_DATABASE_URL,
  /** Demo sign-in: on in development and tests; off whenever NODE_ENV=production unless DEMO_SIGNIN=true. */
  demoSignIn: demoSignInEnabled(parsed.NODE_ENV, parsed.DEMO_SIGNIN),
  machineApiOnly: parsed.MACHINE_API_ONLY === "true" || parsed.MACHINE_API_ONLY === "1",
  oidcEnabled: !!(parsed.OIDC_ISSUER && parsed.OIDC_CLIENT_ID && parsed.OIDC_CLIENT_SECRET),
  policyRefreshMs: parsed.POLICY_REFRESH_MS ?? (parsed.NODE_ENV === "test" ? 0 : 1000),
  trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
  publicUrl: (parsed.PUBLIC_URL || parsed.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, ""),
};

/** Production never offers the demo sign-in by accident: only an explicit DEMO_SIGNIN=true (or 1) turns it on. */
export function demoSignInEnabled(nodeEnv: string, flag: string | undefined): boolean {
  if (flag !== undefined) return flag === "true" || flag === "1";
  return nodeEnv !== "production";
}
