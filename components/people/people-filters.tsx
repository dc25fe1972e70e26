import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import type { PeopleQuery } from "@/lib/validation/people";

export const ROLE_LABELS = { engineer: "Engineer", manager: "Manager", legal: "Legal", admin: "Admin" } as const;

function Labeled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered list can be bookmarked and shared. */
export function PeopleFilters({ query, teams }: { query: PeopleQuery; teams: { slug: string; path: string }[] }) {
  return (
    <form method="get" action="/people" className="mb-3 flex flex-wrap items-end gap-3" aria-label="Filter people">
      <Labeled id="p-q" label="Search">
        <input id="p-q" type="search" name="q" defaultValue={query.q} placeholder="Name, email or employee id" className={`${inputClass} w-64`} />
      </Labeled>
      <Labeled id="p-team" label="Team (with subteams)">
        <select id="p-team" name="team" defaultValue={query.team} className={`${inputClass} w-56`}>
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.path}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled id="p-role" label="Role">
        <select id="p-role" name="role" defaultValue={query.role ?? ""} className={`${inputClass} w-36`}>
          <option value="">Any role</option>
          {Object.entries(ROLE_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled id="p-status" label="Status">
        <select id="p-status" name="status" defaultValue={query.status} className={`${inputClass} w-36`}>
          <option value="active">Active</option>
          <option value="inactive">Deactivated</option>
          <option value="all">Everyone</option>
        </select>
      </Labeled>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <button type="submit" className={buttonClass("primary")}>
        Apply filters
      </button>
      <Link href="/people" className={buttonClass("ghost")}>
        Reset
      </Link>
    </form>
  );
}
