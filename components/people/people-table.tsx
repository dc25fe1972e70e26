import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { PeoplePage } from "@/lib/people/list-people";
import type { PeopleQuery } from "@/lib/validation/people";

type SortKey = PeopleQuery["sort"];
const COLUMNS: { key: string; header: string; sort?: SortKey }[] = [
  { key: "name", header: "Name", sort: "name" },
  { key: "email", header: "Email", sort: "email" },
  { key: "team", header: "Team", sort: "team" },
  { key: "manager", header: "Manager", sort: "manager" },
  { key: "roles", header: "Roles" },
  { key: "status", header: "Status" },
  { key: "source", header: "Source" },
];

/** The directory page as a dense table; the headers are links that sort on the server (the list is paged). */
export function PeopleTable({ page, query, href }: { page: PeoplePage; query: PeopleQuery; href: (change: Partial<Record<keyof PeopleQuery, string>>) => string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">People, sorted by {query.sort}</caption>
        <thead className="bg-slate-50">
          <tr>
            {COLUMNS.map((c) => {
              const active = c.sort === query.sort;
              const dir = active ? query.dir : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={dir ? (dir === "asc" ? "ascending" : "descending") : undefined} className="px-3 py-2 text-left text-xs font-semibold text-slate-600">
                  {c.sort ? (
                    <Link href={href({ sort: c.sort, dir: active && query.dir === "asc" ? "desc" : "asc", page: "1" })} className="inline-flex items-center gap-1 hover:text-slate-900">
                      {c.header}
                      <span aria-hidden="true">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                    </Link>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {page.rows.map((p) => (
            <tr key={p.id} className="hover:bg-slate-50">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">
                <Link href={`/people/${p.id}`} className="text-indigo-700 hover:underline">
                  {p.name}
                </Link>
              </th>
              <td className="px-3 py-1.5 text-slate-700">{p.email}</td>
              <td className="px-3 py-1.5 text-slate-700">{p.team ?? "—"}</td>
              <td className="px-3 py-1.5 text-slate-700">{p.manager ?? "—"}</td>
              <td className="px-3 py-1.5 text-slate-700">{p.roles.join(", ")}</td>
              <td className="px-3 py-1.5">{p.active ? <Badge tone="success">active</Badge> : <Badge tone="danger">deactivated</Badge>}</td>
              <td className="px-3 py-1.5 text-xs text-slate-600">{p.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
