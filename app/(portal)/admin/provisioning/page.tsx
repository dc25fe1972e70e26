import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatCount } from "@/components/ui/format";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { loadProvisioningOverview } from "@/lib/scim/group-mappings";
import { MappingForm, RemoveMappingButton } from "./mapping-form";

export const metadata = { title: "Provisioning · Guardrail" };

export default async function ProvisioningPage() {
  await requireRole("admin");
  const { mappings, groups, teams, activeScimTokens, provisionedPeople } = await loadProvisioningOverview();
  return (
    <div className="space-y-5">
      <PageHeader
        title="Provisioning"
        description={`Identity providers (Okta, Entra ID, …) keep people and groups in step over SCIM 2.0 at ${env.publicUrl}/scim/v2. Map their groups to teams and roles here; a group's members get them at once, and lose a mapped role when they leave every group that gives it.`}
      />
      <Card title="Connection">
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">SCIM base URL</dt>
            <dd className="font-mono text-slate-900">{env.publicUrl}/scim/v2</dd>
          </div>
          <div>
            <dt className="text-slate-500">Active SCIM tokens</dt>
            <dd className="text-slate-900">
              {activeScimTokens ? formatCount(activeScimTokens) : "None"} ·{" "}
              <Link className="text-sky-700 underline" href="/admin/api-keys">
                create one (scope scim)
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">People managed by the identity provider</dt>
            <dd className="text-slate-900">{formatCount(provisionedPeople)}</dd>
          </div>
        </dl>
      </Card>
      <Card title="Group mappings">
        {mappings.length ? (
          <table className="mb-4 w-full text-sm">
            <caption className="sr-only">Identity-provider groups mapped to teams and roles</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase text-slate-500">
                <th scope="col" className="py-2">Group</th>
                <th scope="col">Team</th>
                <th scope="col">Role</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td className="py-2 font-medium text-slate-900">{m.groupName}</td>
                  <td>{m.team?.name ?? <span className="text-slate-400">—</span>}</td>
                  <td>{m.role ? <Badge>{m.role}</Badge> : <span className="text-slate-400">—</span>}</td>
                  <td className="text-right">
                    <RemoveMappingButton id={m.id} groupName={m.groupName} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mb-3 text-sm text-slate-600">No mappings yet: pushed groups give no team or role. Add one below, e.g. &ldquo;legal-reviewers&rdquo; → role legal.</p>
        )}
        <MappingForm teams={teams} groupNames={groups.filter((g) => !g.mapped).map((g) => g.displayName)} />
      </Card>
      <Card title="Groups pushed by identity providers">
        {groups.length ? (
          <ul className="divide-y divide-slate-100 text-sm">
            {groups.map((g) => (
              <li key={g.id} className="flex items-center justify-between py-2">
                <span className="font-medium text-slate-900">{g.displayName}</span>
                <span className="flex items-center gap-2 text-slate-600">
                  {formatCount(g.members)} {g.members === 1 ? "member" : "members"}
                  {g.mapped ? <Badge tone="success">mapped</Badge> : <Badge>not mapped</Badge>}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No groups pushed yet">Push groups from Okta (Push Groups tab) or assign groups to the Entra ID enterprise app; they appear here.</EmptyState>
        )}
      </Card>
    </div>
  );
}
