import { z } from "zod";

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
  PUBLIC_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

const parsed = schema.parse(process.env);

export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite";

export const env = {
  ...parsed,
  databaseUrl: parsed.DATABASE_URL || DEFAULT_DATABASE_URL,
  /** Demo sign-in: on by default on the embedded database, off in production unless DEMO_SIGNIN=true. */
  demoSignIn:
    parsed.DEMO_SIGNIN !== undefined
      ? parsed.DEMO_SIGNIN === "true" || parsed.DEMO_SIGNIN === "1"
      : parsed.NODE_ENV !== "production" || (parsed.DATABASE_URL ?? DEFAULT_DATABASE_URL).startsWith("pglite:"),
  oidcEnabled: !!(parsed.OIDC_ISSUER && parsed.OIDC_CLIENT_ID && parsed.OIDC_CLIENT_SECRET),
  publicUrl: (parsed.PUBLIC_URL || parsed.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, ""),
};
