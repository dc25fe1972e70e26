import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Sign-in refused" };

// Reasons come from our signIn callback (reason=) or from next-auth itself (error=).
const MESSAGES: Record<string, { title: string; body: string }> = {
  unknown: {
    title: "You are not in the Guardrail directory",
    body: "Your sign-in worked, but no person with this email address is in Guardrail's directory, so you cannot use the portal. Ask a Guardrail admin to add you (people are imported from the HR directory).",
  },
  inactive: {
    title: "Your Guardrail account is deactivated",
    body: "This account was deactivated, so it can no longer sign in. If that is a mistake, ask a Guardrail admin to reactivate it.",
  },
  no_email: {
    title: "Your sign-in did not include an email address",
    body: "Guardrail matches people by email. Ask your identity team to release the email claim to Guardrail.",
  },
  CredentialsSignin: {
    title: "That person is not in the Guardrail directory",
    body: "The demo sign-in only accepts people from the seeded directory. Go back and pick one from the list.",
  },
  Configuration: {
    title: "Sign-in is misconfigured",
    body: "The server's sign-in settings are incomplete (NEXTAUTH_SECRET, NEXTAUTH_URL or the OIDC_* variables). Ask the team that runs Guardrail to check them.",
  },
  OAuthSignin: { title: "Could not reach the company sign-in", body: "Guardrail could not start the sign-in with your identity provider. Try again in a moment." },
  OAuthCallback: { title: "The company sign-in did not complete", body: "Your identity provider's answer could not be verified. Try again; if it keeps failing, tell the team that runs Guardrail." },
};

const FALLBACK = { title: "Sign-in was refused", body: "Guardrail could not sign you in. Try again, or ask a Guardrail admin for help." };

export default async function SignInDenied({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const key = first(params.reason) ?? first(params.error) ?? "";
  const message = MESSAGES[key] ?? FALLBACK;
  const email = first(params.email);
  return (
    <main className="mx-auto max-w-lg px-6 py-20">
      <p className="text-sm font-semibold text-red-700">Sign-in refused</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{message.title}</h1>
      {email && (
        <p className="mt-3 text-sm text-slate-700">
          Signed in at your identity provider as <strong>{email}</strong>.
        </p>
      )}
      <p className="mt-3 text-sm text-slate-600">{message.body}</p>
      <div className="mt-6">
        <Link href="/signin" className={buttonClass("secondary")}>
          Back to sign-in
        </Link>
      </div>
    </main>
  );
}
