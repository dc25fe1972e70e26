// A real OpenID Provider (oidc-provider) on 127.0.0.1 for the sign-in tests. Its development login form
// accepts any login: the login is the person's email, and the id_token carries email and name.
import Provider from "oidc-provider";
import { E2E_OIDC_CLIENT } from "./e2e-env";

const port = Number(process.env.OIDC_PORT);
const appUrl = process.env.APP_URL;
if (!port || !appUrl) throw new Error("oidc-server: set OIDC_PORT and APP_URL");

const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT.id,
      client_secret: E2E_OIDC_CLIENT.secret,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ["guardrail-e2e-oidc-cookie-key"] },
  async findAccount(_ctx, id) {
    const email = id.toLowerCase();
    const name = email.split("@")[0].replace(/[._-]+/g, " ");
    return { accountId: id, claims: async () => ({ sub: id, email, email_verified: true, name }) };
  },
  // Guardrail is a first-party client: grant the requested scopes without a consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
    grant.addOIDCScope("openid email profile");
    grant.addOIDCClaims(["email", "email_verified", "name"]);
    await grant.save();
    return grant;
  },
});

// Plain http on loopback: tell the provider it is not behind a proxy and allow the insecure issuer.
provider.proxy = false;
const server = provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
