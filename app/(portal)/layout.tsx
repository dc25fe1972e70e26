import Link from "next/link";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { MobileNav } from "@/components/shell/mobile-nav";
import { Sidebar } from "@/components/shell/sidebar";
import { requirePerson } from "@/lib/auth/authorize";
import { navFor } from "@/lib/navigation";

// Every portal page reads the signed-in person and live data: never prerendered.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const person = await requirePerson();
  const nav = navFor(person.roles);
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow"
      >
        Skip to main content
      </a>
      {/* The sidebar is dark in both schemes: in dark mode the palette is mirrored (globals.css), so it names the mirrored shades. */}
      <aside className="hidden w-60 shrink-0 bg-slate-900 px-3 py-4 md:block dark:bg-slate-50">
        <Link href="/" className="mb-6 block px-2 text-lg font-semibold text-white dark:text-slate-950">
          Guardrail
        </Link>
        <Sidebar items={nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <AppHeader name={person.name} email={person.email} roles={person.roles} menu={<MobileNav items={nav} />} />
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-5 focus:outline-none sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
