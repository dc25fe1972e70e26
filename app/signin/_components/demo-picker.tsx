"use client";

import { signIn } from "next-auth/react";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { ClientFieldset } from "@/components/ui/client-fieldset";
import { useHydrated } from "@/components/ui/use-hydrated";

type Choice = { id: string; name: string; email: string; roles: string[]; title: string | null };

export function DemoPicker({ demo, others, providerId, callbackUrl }: { demo: Choice[]; others: Choice[]; providerId: string; callbackUrl: string }) {
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState("");
  const [busy, setBusy] = useState(false);
  // Signing in runs in the browser (next-auth's signIn): a click before the page is interactive would do nothing.
  const hydrated = useHydrated();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q ? others.filter((p) => `${p.name} ${p.email} ${p.title ?? ""}`.toLowerCase().includes(q)) : others;
    return list.slice(0, 200);
  }, [others, query]);

  const go = (personId: string) => {
    setBusy(true);
    void signIn(providerId, { personId, callbackUrl });
  };

  return (
    <div className="space-y-5">
      <ul className="space-y-2" aria-label="Demo accounts">
        {demo.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              disabled={busy || !hydrated}
              onClick={() => go(p.id)}
              className="flex w-full items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-left hover:border-indigo-400 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60"
            >
              <span>
                <span className="block text-sm font-medium text-slate-900">{p.name}</span>
                <span className="block text-xs text-slate-600">{p.email}</span>
              </span>
              <span className="flex gap-1">
                {p.roles.map((r) => (
                  <Badge key={r} tone="info">
                    {r}
                  </Badge>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (selected) go(selected);
          }}
        >
          <ClientFieldset className="space-y-2">
          <label htmlFor="person-search" className="block text-sm font-medium text-slate-800">
            Or sign in as anyone else in the directory ({others.length} people)
          </label>
          <input id="person-search" type="search" placeholder="Search by name, email or title…" className={inputClass} value={query} onChange={(e) => setQuery(e.target.value)} />
          <label htmlFor="person-select" className="sr-only">
            Person
          </label>
          <select id="person-select" size={6} className={inputClass} value={selected} onChange={(e) => setSelected(e.target.value)}>
            {matches.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.email}
                {p.roles.length ? ` (${p.roles.join(", ")})` : ""}
              </option>
            ))}
          </select>
          {matches.length === 0 && <p className="text-xs text-slate-600">Nobody matches “{query}”.</p>}
          <Button type="submit" variant="secondary" disabled={!selected || busy}>
            Sign in as selected person
          </Button>
          </ClientFieldset>
        </form>
      )}
    </div>
  );
}
