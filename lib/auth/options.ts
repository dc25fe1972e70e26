import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { sameOriginUrl } from "./same-origin-path";
import { authSecret } from "./secret";
import { checkSignIn, deniedUrl } from "./sign-in-check";

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
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
      }
      return token;
    },
    async session({ session, token }) {
      // Only the id travels in the session; name, roles and status are re-read on the server per request.
      session.personId = token.personId;
      return session;
    },
  },
};
