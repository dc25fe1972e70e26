// A fixed secret keeps development sessions stable across restarts. Production never uses it:
// lib/startup-checks.ts stops the server with one message when NEXTAUTH_SECRET is missing there.
const DEV_SECRET = "guardrail-development-secret-do-not-use-in-production";

export function authSecret(e: { NODE_ENV: string; NEXTAUTH_SECRET?: string }): string | undefined {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  return e.NODE_ENV === "production" ? undefined : DEV_SECRET;
}
