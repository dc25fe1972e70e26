import type { KeyOwner } from "@/lib/api-keys/authenticate-api-key";

// Who is calling the machine interface. One kind per credential, each set by its own hook (auth/<kind>.ts):
// API keys (admin-made, scoped, speak for anyone) and personal tokens (a person's own, speak only for them).
// SCIM tokens are added as a sibling kind with its own hook; handlers that care switch on `kind`.
export type ApiKeyCaller = { kind: "api_key"; id: string; name: string; scopes: string[] };
export type PersonalTokenCaller = { kind: "personal_token"; id: string; name: string; scopes: string[]; owner: KeyOwner };

/** An identity provider's SCIM token (an API key holding the scim scope alone), set by requireScimToken. */
export type ScimTokenCaller = { kind: "scim_token"; id: string; name: string };

export type Principal = ApiKeyCaller | PersonalTokenCaller | ScimTokenCaller;

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the route's auth hook (requireApiKey, ...); null on public routes. */
    principal: Principal | null;
  }
}

/** The principal a hook set; throws when a route forgot its auth hook (a programming error, not a 401). */
export function principalOf<K extends Principal["kind"]>(request: { principal: Principal | null }, kind: K): Extract<Principal, { kind: K }> {
  const p = request.principal;
  if (!p || p.kind !== kind) throw new Error(`this route has no ${kind} auth hook`);
  return p as Extract<Principal, { kind: K }>;
}
