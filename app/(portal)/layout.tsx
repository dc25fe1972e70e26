import Link from "next/link";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { Sidebar } from "@/components/shell/sidebar";
import { requirePerson } from "@/lib/auth/authorize";
import { navFor } from "@/lib/navigation";

// Every portal page reads the signed-in person and live data: never prerendered.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const person = await requirePerson();
  return (
    <div className="flex min-h-screen">
      <aside className="w-60 shrink-0 bg-slate-900 px-3 py-4">
        <Link href="/" className="mb-6 block px-2 text-lg font-semibold text-white">
          Guardrail
        </Link>
        <Sidebar items={navFor(person.roles)} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader name={person.name} email={person.email} roles={person.roles} />
        <main id="main" className="flex-1 px-6 py-5">
          {children}
        </main>
      </div>
    </div>
  );
}
