import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";
import { assertSessionLive, endSession, SessionEnded, sessionMaxAgeSeconds, startSession } from "./auth-sessions";
import { sameOriginUrl } from "./same-origin-path";
import { authSecret } from "./secret";
import { checkSignIn, deniedUrl } from "./sign-in-check";
import { logger } from "@/lib/logging/logger";

export const OIDC_PROVIDER_ID = "oidc";
export const DEMO_PROVIDER_ID = "demo";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

/** Company SSO through any OpenID Connect provider (Okta, Entra ID, Google Workspace, Keycloak). */
function oidcProvider(): Provider {
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME || "Company SSO",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: OidcProfile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub };
    },
  };
}

const demoCredentials = z.object({ personId: z.string().min(1) });

/** Demo sign-in: pick a seeded person, no password. Only registered when env.demoSignIn is on. */
function demoProvider(): Provider {
  return CredentialsProvider({
    id: DEMO_PROVIDER_ID,
    name: "Demo sign-in",
    credentials: { personId: { label: "Person", type: "text" } },
    async authorize(credentials) {
      const parsed = demoCredentials.safeParse(credentials);
      if (!parsed.success) return null;
      const person = await prisma.user.findUnique({ where: { id: parsed.data.personId }, select: { id: true, email: true, name: true } });
      // The signIn callback below refuses deactivated people with a page saying why.
      return person;
    },
  });
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(env),
  // The cookie lives as long as the session may; the AuthSession record decides whether it still counts.
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  logger: {
    error(code, metadata) {
      // A cookie whose session ended is cleared by next-auth: expected, not an error worth a stack trace.
      if (metadata instanceof SessionEnded) return;
      // Only the code and the error: next-auth's metadata can hold provider responses (tokens), which never get logged.
      const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      logger.error({ code, err: err instanceof Error ? err : undefined }, `next-auth error ${code}`);
    },
  },
  events: {
    async signOut({ token }) {
      await endSession(token?.sid, "signed_out");
    },
  },
  pages: { signIn: "/signin", error: "/signin/denied" },
  providers: [...(env.oidcEnabled ? [oidcProvider()] : []), ...(env.demoSignIn ? [demoProvider()] : [])],
  callbacks: {
    // After sign-in and sign-out: only a page of this portal, whatever callbackUrl was sent.
    redirect({ url, baseUrl }) {
      return sameOriginUrl(url, baseUrl);
    },
    async signIn({ user }) {
      const check = await checkSignIn(user.email);
      return check.ok ? true : deniedUrl(check.reason, user.email);
    },
    async jwt({ token, user }) {
      if (user) {
        const check = await checkSignIn(user.email);
        token.personId = check.ok ? check.personId : undefined;
        token.sub = token.personId;
        token.sid = token.personId ? await startSession(token.personId) : undefined;
        return token;
      }
      // Every read of the session (pages, actions, /api/auth/session) passes here: a signed-out, deactivated or
      // expired session throws, and next-auth answers "no session" and clears the cookie instead of renewing it.
      await assertSessionLive(token.sid, token.personId);
      return token;
    },
    async session({ session, token }) {
      // Only the id travels in the session; name, roles and status are re-read on the server per request.
      session.personId = token.personId;
      return session;
    },
  },
};
