import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatCount, formatPercent, formatTokens } from "@/components/ui/format";
import { requireRole } from "@/lib/auth/authorize";
import { FALLBACK_MONTHLY_CAP } from "@/lib/caps/cap-limit";
import { loadCapOverview } from "@/lib/caps/cap-overview";
import { env } from "@/lib/env";
import { CapForm, RemoveCapButton } from "./cap-form";

export const metadata = { title: "Token caps · Guardrail" };

const ROLES = ["engineer", "manager", "legal", "admin"] as const;

const overColumns = [
  { key: "name", header: "Person", sortable: true },
  { key: "used", header: "External tokens used", sortable: true, numeric: true },
  { key: "limit", header: "External-tools cap", sortable: true, numeric: true },
  { key: "share", header: "Share of cap", sortable: true, numeric: true },
];

export default async function CapsPage() {
  await requireRole("admin");
  const { period, caps: allCaps, teams, tools, utilization } = await loadCapOverview();
  // The external (monthly) cap's rows; the in-house and per-tool caps have their own card.
  const caps = allCaps.filter((c) => c.kind === "external");
  const sideCaps = allCaps.filter((c) => c.kind !== "external");
  const roleCap = (role: string) => caps.find((c) => c.scope === "role" && c.role === role);
  const teamCaps = caps.filter((c) => c.scope === "team");
  const personal = caps.filter((c) => c.scope === "user");
  const teamOptions = teams.map((t) => ({ value: t.id, label: t.name }));
  const roleOptions = ROLES.map((r) => ({ value: r, label: r }));
  const capOnOptions = [
    { value: "in_house", label: "In-house assistant (separate cap)" },
    ...tools.map((t) => ({ value: `tool:${t.id}`, label: `${t.name} only (${t.kind})` })),
  ];
  const capOnOf = (c: (typeof sideCaps)[number]) =>
    c.kind === "in_house" ? { value: "in_house", label: "the in-house assistant" } : { value: `tool:${c.toolId}`, label: c.tool?.name ?? "a tool" };
  const targetOf = (c: (typeof sideCaps)[number]) =>
    c.scope === "role"
      ? { value: c.role!, label: `role ${c.role}` }
      : c.scope === "team"
        ? { value: c.teamId!, label: c.team?.name ?? "team" }
        : { value: c.user?.email ?? "", label: c.user?.name ?? "person" };
  const overRows: Row[] = utilization.map((u) => ({
    id: u.userId,
    values: { name: u.name, used: u.used, limit: u.limit, share: u.share },
    cells: {
      name: (
        <span>
          <span className="font-medium text-slate-900">{u.name}</span> <span className="text-xs text-slate-500">{u.email}</span>
        </span>
      ),
      used: formatCount(u.used),
      limit: formatCount(u.limit),
      share: (
        <span className="flex items-center justify-end gap-2">
          <span className="w-28">
            <ProgressBar value={u.used} max={u.limit} label={`${u.name}: ${formatPercent(u.share)} of cap`} />
          </span>
          <Badge tone={u.share >= 1 ? "danger" : "warning"}>{formatPercent(u.share)}</Badge>
        </span>
      ),
    },
  }));

  return (
    <div className="space-y-5">
      <PageHeader
        title="Token caps"
        description={`The monthly cap limits external tools: only external tools' tokens count toward it and only external tools are denied over it; the in-house assistant never is. Caps run by calendar month in ${env.COMPANY_TIME_ZONE}. A personal override wins, then the nearest team default up the tree, then the largest default of the person's roles (${formatTokens(FALLBACK_MONTHLY_CAP)} when none is set). An approved exception can raise the cap for the use it covers.`}
      />
      <Card title={`At 80% or more in ${period}`}>
        <DataTable
          columns={overColumns}
          rows={overRows}
          caption={`People at 80% or more of their cap in ${period}`}
          filterLabel="Filter people"
          initialSort={{ key: "share", dir: "desc" }}
          empty={<EmptyState title="Nobody is near their cap this month">People show here from 80% of their cap; alerts go to them and their manager.</EmptyState>}
        />
      </Card>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Role defaults (external-tools cap)">
          <ul className="space-y-3">
            {ROLES.map((role) => (
              <li key={role} className="flex flex-wrap items-end justify-between gap-2">
                <CapForm scope="role" target={{ value: role, label: role }} defaultTokens={roleCap(role) ? Number(roleCap(role)!.monthlyTokens) : undefined} />
                {roleCap(role) ? <RemoveCapButton id={roleCap(role)!.id} label={role} /> : <span className="pb-1 text-xs text-slate-500">not set</span>}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Team defaults (external-tools cap)">
          {teamCaps.length ? (
            <ul className="mb-4 divide-y divide-slate-100">
              {teamCaps.map((c) => (
                <li key={c.id} className="flex flex-wrap items-end justify-between gap-2 py-2">
                  <CapForm scope="team" target={{ value: c.teamId!, label: c.team?.name ?? "team" }} defaultTokens={Number(c.monthlyTokens)} />
                  <RemoveCapButton id={c.id} label={c.team?.name ?? "team"} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-sm text-slate-600">No team defaults: role defaults apply.</p>
          )}
          <CapForm scope="team" targetOptions={teamOptions} targetLabel="Team" submitLabel="Add team default" />
        </Card>
      </div>
      <Card title="Personal overrides (external-tools cap)">
        {personal.length ? (
          <ul className="mb-4 divide-y divide-slate-100">
            {personal.map((c) => (
              <li key={c.id} className="flex flex-wrap items-end justify-between gap-2 py-2">
                <CapForm scope="user" target={{ value: c.user?.email ?? "", label: c.user?.name ?? "person" }} defaultTokens={Number(c.monthlyTokens)} />
                <RemoveCapButton id={c.id} label={c.user?.name ?? "person"} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-600">No personal overrides.</p>
        )}
        <CapForm scope="user" targetLabel="Person (email or employee id)" submitLabel="Add override" />
      </Card>
      <Card title="In-house assistant and per-tool caps">
        <p className="mb-3 text-sm text-slate-600">
          Optional, none by default. An in-house cap limits the in-house assistant on its own (its tokens never count toward the external-tools cap). A per-tool cap limits one tool (e.g. a tighter
          cap on one vendor) on top of the cap of its kind: that tool is refused when either is reached, the others stay available. Same order as above: person, then team, then role.
        </p>
        {sideCaps.length ? (
          <ul className="mb-4 divide-y divide-slate-100">
            {sideCaps.map((c) => (
              <li key={c.id} className="flex flex-wrap items-end justify-between gap-2 py-2">
                <CapForm scope={c.scope} target={targetOf(c)} capOn={capOnOf(c)} defaultTokens={Number(c.monthlyTokens)} />
                <RemoveCapButton id={c.id} label={`${targetOf(c).label} on ${capOnOf(c).label}`} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-600">No in-house or per-tool caps: only the external-tools cap applies.</p>
        )}
        <div className="space-y-3">
          <CapForm scope="role" capOnOptions={capOnOptions} targetOptions={roleOptions} targetLabel="Role" submitLabel="Add role cap" />
          <CapForm scope="team" capOnOptions={capOnOptions} targetOptions={teamOptions} targetLabel="Team" submitLabel="Add team cap" />
          <CapForm scope="user" capOnOptions={capOnOptions} targetLabel="Person (email or employee id)" submitLabel="Add personal cap" />
        </div>
      </Card>
    </div>
  );
}
