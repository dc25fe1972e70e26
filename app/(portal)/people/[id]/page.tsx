import Link from "next/link";
import { notFound } from "next/navigation";
import { ActiveForm, PlacementForm, RolesForm } from "@/components/people/person-forms";
import { Badge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { formatDate, formatDateTime, formatTokens } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireRole, requireUserInScope } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { getPersonDetail } from "@/lib/people/get-person-detail";
import { listTeams } from "@/lib/teams/manage-teams";

export const metadata = { title: "Person · Guardrail" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole("manager", "admin");
  const { id } = await params;
  if (id.length > 200) notFound();
  // Outside a manager's org reads exactly like a missing person.
  await requireUserInScope(viewer, id);
  const person = await getPersonDetail(id);
  if (!person) notFound();
  const isAdmin = hasRole(viewer, "admin");
  const teams = isAdmin ? await listTeams() : [];
  const tz = env.COMPANY_TIME_ZONE;
  return (
    <div className="space-y-5">
      <PageHeader
        title={person.name}
        description={
          <>
            {person.email} · employee id {person.employeeId} · {person.active ? <Badge tone="success">active</Badge> : <Badge tone="danger">deactivated {person.deactivatedAt ? formatDate(person.deactivatedAt, tz) : ""}</Badge>}
          </>
        }
        actions={<Link href="/people" className="text-sm text-indigo-700 hover:underline">← All people</Link>}
      />
      <Card title="Overview">
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Team" value={person.team?.name ?? "—"} />
          <Stat
            label="Manager"
            value={person.manager ? <Link href={`/people/${person.manager.id}`} className="text-indigo-700 hover:underline">{person.manager.name}</Link> : "—"}
          />
          <Stat label="Direct reports" value={person.reports} />
          <Stat label="Roles" value={person.roles.join(", ")} />
          <Stat label={`Cap ${person.cap.period}`} value={person.cap.limit === null ? "—" : `${formatTokens(person.cap.used)} / ${formatTokens(person.cap.limit)}`} hint="external-tool tokens used / monthly cap" />
          <Stat label="Provisioning source" value={person.source.label} hint={person.source.at ? `since ${formatDate(person.source.at, tz)}` : "before the audit log"} />
        </dl>
      </Card>
      {isAdmin && (
        <div className="grid gap-5 lg:grid-cols-3">
          <Card title="Roles">
            <RolesForm id={person.id} roles={person.roles} />
          </Card>
          <Card title="Team and manager">
            <PlacementForm id={person.id} teamId={person.teamId ?? ""} managerEmail={person.manager?.email ?? ""} teams={teams.map((t) => ({ value: t.id, label: t.path }))} />
          </Card>
          <Card title={person.active ? "Deactivate" : "Reactivate"}>
            <ActiveForm id={person.id} name={person.name} active={person.active} />
          </Card>
        </div>
      )}
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Live grants">
          {person.grants.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {person.grants.map((g) => (
                <li key={g.id} className="py-1.5">
                  {g.tool.name} · {g.activity.name}
                  {g.project ? ` · ${g.project.key}` : ""} <span className="text-xs text-slate-500">until {formatDate(g.validTo, tz)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No live grants: everything this person does follows the policy.</p>
          )}
        </Card>
        <Card title="API keys they created">
          {person.apiKeys.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {person.apiKeys.map((k) => (
                <li key={k.id} className="py-1.5">
                  {k.name} <code className="font-mono text-xs">{k.prefix}…</code> {k.scopes.join(", ")} {k.revokedAt ? <Badge>revoked</Badge> : <Badge tone="info">active</Badge>}{" "}
                  <span className="text-xs text-slate-500">{k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt, tz)}` : "never used"}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">None. Keys are made on Admin → API keys and do not stop when their maker is deactivated.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
