import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "No access" };

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-20 text-center">
      <p className="text-sm font-semibold text-red-700">403 · No access</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page is not part of your role</h1>
      <p className="mt-3 text-sm text-slate-600">
        You are signed in, but none of your roles can open this page. If you need it for your work, ask a Guardrail admin to add the role to your
        account.
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Link href="/" className={buttonClass("primary")}>
          Back to your overview
        </Link>
      </div>
    </main>
  );
}
