import Link from "next/link";
import { NewTeamForm, TeamRowForm } from "@/components/people/team-forms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";
import { listTeams } from "@/lib/teams/manage-teams";

export const metadata = { title: "Teams · Guardrail" };

const th = "px-2 py-2 text-left text-xs font-semibold text-slate-700";

export default async function TeamsPage() {
  await requireRole("admin");
  const teams = await listTeams();
  const parents = teams.map((t) => ({ value: t.id, label: t.path }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Teams"
        description="The team tree that reports, caps and policy rules use. A team's slug never changes; renaming or moving it takes effect in reports at once (a team's usage counts under every team above it). A team cannot move under one of its own subteams."
        actions={<Link href="/people" className="text-sm text-indigo-700 hover:underline">← All people</Link>}
      />
      <Card title="Add a team">
        <NewTeamForm parents={parents} />
      </Card>
      <Card title="Team tree">
        {teams.length ? (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Teams, nested under their parents</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={`${th} px-3`}>Team</th>
                  <th scope="col" className={th}>Members</th>
                  <th scope="col" className={th}>Name</th>
                  <th scope="col" className={th}>Parent</th>
                  <th scope="col" className={th}><span className="sr-only">Save</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {teams.map((t) => (
                  <TeamRowForm key={t.id} team={t} parents={parents} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No teams yet">Add the first team above; then import people into it.</EmptyState>
        )}
      </Card>
    </div>
  );
}
