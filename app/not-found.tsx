import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-20 text-center">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">There is nothing here you can open</h1>
      <p className="mt-3 text-sm text-slate-600">The page or record does not exist, or it is outside what your role lets you see.</p>
      <div className="mt-6 flex justify-center">
        <Link href="/" className={buttonClass("primary")}>
          Back to your overview
        </Link>
      </div>
    </main>
  );
}
