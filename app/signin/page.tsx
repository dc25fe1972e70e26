import { redirect } from "next/navigation";
import { getCurrentPerson } from "@/lib/auth/authorize";
import { DEMO_PROVIDER_ID, OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { sameOriginPath } from "@/lib/auth/same-origin-path";
import { listSignInChoices } from "@/lib/auth/sign-in-choices";
import { env } from "@/lib/env";
import { DemoPicker } from "./_components/demo-picker";
import { SsoButton } from "./_components/sso-button";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(params.callbackUrl);
  if (await getCurrentPerson()) redirect(callbackUrl);
  const choices = env.demoSignIn ? await listSignInChoices() : null;

  return (
    <main className="mx-auto max-w-md px-6 py-14">
      <h1 className="text-2xl font-semibold text-slate-900">Sign in to Guardrail</h1>
      <p className="mt-1 text-sm text-slate-600">The company&apos;s rules for AI coding tools: what is allowed, exceptions, usage and caps.</p>

      {env.oidcEnabled && (
        <section className="mt-8" aria-labelledby="sso-heading">
          <h2 id="sso-heading" className="sr-only">
            Company sign-in
          </h2>
          <SsoButton providerId={OIDC_PROVIDER_ID} name={env.OIDC_NAME || "Company SSO"} callbackUrl={callbackUrl} />
        </section>
      )}

      {choices && (
        <section className="mt-8" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="text-sm font-semibold text-slate-900">
            Demo sign-in
          </h2>
          <p className="mb-3 mt-1 text-xs text-slate-600">No password: pick a seeded person. Turned off in production unless DEMO_SIGNIN=true.</p>
          {choices.demo.length + choices.others.length === 0 ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">The directory is empty. Seed the demo data with `npm run db:seed`, then reload.</p>
          ) : (
            <DemoPicker demo={choices.demo} others={choices.others} providerId={DEMO_PROVIDER_ID} callbackUrl={callbackUrl} />
          )}
        </section>
      )}

      {!env.oidcEnabled && !choices && (
        <p className="mt-8 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for company SSO, or DEMO_SIGNIN=true for the demo sign-in.
        </p>
      )}
    </main>
  );
}
