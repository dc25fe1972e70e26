import { Badge } from "@/components/ui/badge";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ name, email, roles }: { name: string; email: string; roles: string[] }) {
  return (
    <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-2.5">
      <div className="text-right" data-testid="signed-in-person">
        <p className="text-sm font-medium text-slate-900">{name}</p>
        <p className="text-xs text-slate-500">{email}</p>
      </div>
      <ul className="flex gap-1" aria-label="Your roles">
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
