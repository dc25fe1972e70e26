import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { SignOutButton } from "./sign-out-button";

/** The signed-in person, their roles and sign-out; on narrow screens also the menu button that holds the sidebar. */
export function AppHeader({ name, email, roles, menu }: { name: string; email: string; roles: string[]; menu?: ReactNode }) {
  return (
    <header className="relative flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2.5 sm:gap-4 sm:px-6">
      {menu && <div className="mr-auto">{menu}</div>}
      <div className="min-w-0 text-right" data-testid="signed-in-person">
        <p className="truncate text-sm font-medium text-slate-900">{name}</p>
        <p className="truncate text-xs text-slate-500">{email}</p>
      </div>
      <ul className="hidden gap-1 sm:flex" aria-label="Your roles">
        {roles.map((r) => (
          <li key={r}>
            <Badge tone="info">{r}</Badge>
          </li>
        ))}
      </ul>
      <SignOutButton />
    </header>
  );
}
