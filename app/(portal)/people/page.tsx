import { PeopleFilters } from "@/components/people/people-filters";
import { PeopleTable } from "@/components/people/people-table";
import { Pager } from "@/components/review/pager";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole, visibleUserIds } from "@/lib/auth/authorize";
import { listPeople } from "@/lib/people/list-people";
import { listTeams, teamSlugsOf } from "@/lib/teams/manage-teams";
import { peopleQuerySchema, type PeopleQuery } from "@/lib/validation/people";

export const metadata = { title: "People · Guardrail" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("manager", "admin");
  const query = peopleQuerySchema.parse(await searchParams);
  const visible = await visibleUserIds(person);
  const [page, allTeams, orgTeams] = await Promise.all([listPeople(visible, query), listTeams(), visible === "all" ? null : teamSlugsOf(visible)]);
  const teams = orgTeams ? allTeams.filter((t) => orgTeams.has(t.slug)) : allTeams;
  const isAdmin = hasRole(person, "admin");
  const href = (change: Partial<Record<keyof PeopleQuery, string>>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...change })) if (v !== undefined && v !== "" && String(v) !== String(peopleQuerySchema.parse({})[k as keyof PeopleQuery])) params.set(k, String(v));
    const s = params.toString();
    return s ? `/people?${s}` : "/people";
  };
  const filtered = query.q || query.team || query.role || query.status !== "active";
  return (
    <div>
      <PageHeader
        title="People"
        description={
          isAdmin
            ? "The directory: who may sign in, their team, manager and roles. Deactivating someone signs them out and makes every decision for them deny (user_inactive); their history stays."
            : "Everyone in your org, read-only. An admin changes teams, managers and roles."
        }
        actions={
          isAdmin ? (
            <>
              <LinkButton href="/people/import">Import CSV</LinkButton>
              <LinkButton href="/people/teams">Teams</LinkButton>
            </>
          ) : null
        }
      />
      <PeopleFilters query={query} teams={teams.map((t) => ({ slug: t.slug, path: t.path }))} />
      <p className="mb-2 text-xs text-slate-600" aria-live="polite">
        {formatCount(page.total)} {page.total === 1 ? "person" : "people"}
        {filtered ? " match" : ""}
      </p>
      {page.rows.length ? (
        <>
          <PeopleTable page={page} query={query} href={href} />
          <Pager page={page.page} pages={page.pages} href={(p) => href({ page: String(p) })} label="People pages" />
        </>
      ) : (
        <EmptyState title={filtered ? "Nobody matches these filters" : "Nobody here yet"}>
          {filtered ? "Widen the search or reset the filters." : isAdmin ? "Import people from a CSV file, or connect your identity provider." : "Nobody reports to you in the directory yet."}
        </EmptyState>
      )}
    </div>
  );
}
