import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { DataTable, type Column, type Row } from "@/components/ui/data-table";
import { formatDate, formatDateTime } from "@/components/ui/format";
import type { ActionState } from "@/lib/actions/action-client";
import type { GrantLogRow } from "@/lib/grants/list-grants";
import { describeConditions } from "@/lib/requests/request-timeline";
import type { GrantState } from "@/lib/validation/grant";
import { RevokeForm } from "./revoke-form";

const TONE: Record<GrantState, Tone> = { live: "success", scheduled: "info", expired: "neutral", revoked: "danger" };

const columns: Column[] = [
  { key: "person", header: "Person", sortable: true },
  { key: "what", header: "Tool · activity · project", sortable: true },
  { key: "state", header: "Status", sortable: true },
  { key: "window", header: "Window", sortable: true },
  { key: "approvals", header: "Approved by" },
  { key: "revocation", header: "Revocation / action" },
];

export function GrantLog({ rows, revoke }: { rows: GrantLogRow[]; revoke: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const tableRows: Row[] = rows.map((g) => {
    const what = `${g.tool.name} · ${g.activity.name}${g.project ? ` · ${g.project.key}` : ""}`;
    const conditions = g.request.steps.map((s) => describeConditions(s.conditions)).filter(Boolean);
    return {
      id: g.id,
      values: { person: `${g.user.name} ${g.user.email}`, what, state: g.state, window: g.validFrom.toISOString() },
      cells: {
        person: (
          <span>
            {g.user.name}
            <span className="block text-xs text-slate-500">{g.user.email}</span>
          </span>
        ),
        what: (
          <Link href={`/requests/${g.requestId}`} className="text-indigo-700 hover:underline">
            {what}
          </Link>
        ),
        state: <Badge tone={TONE[g.state]}>{g.state}</Badge>,
        window: (
          <span>
            {formatDate(g.validFrom)} – {formatDate(g.validTo)}
            {g.capOverrideTokens != null && <span className="block text-xs text-slate-500">cap {Number(g.capOverrideTokens).toLocaleString("en-US")} tokens/month</span>}
            {conditions.map((c) => (
              <span key={c} className="block text-xs text-slate-500">
                {c}
              </span>
            ))}
          </span>
        ),
        approvals: (
          <ul className="text-xs">
            {g.request.steps.map((s) => (
              <li key={`${s.stage}-${s.createdAt.toISOString()}`}>
                <span className="font-medium capitalize">{s.stage}</span>: {s.actor.name}, {formatDateTime(s.createdAt)}
              </li>
            ))}
          </ul>
        ),
        revocation: g.revokedAt ? (
          <span className="text-xs text-red-800">
            {formatDateTime(g.revokedAt)} by {g.revokedBy?.name}: {g.revokeReason}
          </span>
        ) : g.state === "live" || g.state === "scheduled" ? (
          <RevokeForm grantId={g.id} label={`${g.user.name}: ${what}`} action={revoke} />
        ) : (
          <span className="text-xs text-slate-500">—</span>
        ),
      },
    };
  });
  return (
    <DataTable
      columns={columns}
      rows={tableRows}
      caption="Tool-approval log"
      filterLabel="Filter these grants"
      initialSort={{ key: "window", dir: "desc" }}
      empty="No grants match these filters."
    />
  );
}
