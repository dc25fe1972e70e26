import Link from "next/link";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { LinkButton } from "@/components/ui/button";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatPercent, formatTokens } from "@/components/ui/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { EngineerOverview } from "@/lib/overview/engineer-overview";

export function EngineerPanel({ data }: { data: EngineerOverview }) {
  const fraction = data.limit > 0 ? data.used / data.limit : 0;
  return (
    <Card title="Your usage and requests" actions={<LinkButton href="/requests/new" size="sm">New exception request</LinkButton>}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-3">
          <dl className="grid grid-cols-3 gap-4">
            <Stat label={`Tokens used (${data.period})`} value={formatTokens(data.used)} raw={data.used} hint={`${formatPercent(fraction)} of your cap`} />
            <Stat label="Monthly cap" value={formatTokens(data.limit)} raw={data.limit} hint={`${formatTokens(Math.max(data.limit - data.used, 0))} left`} />
            <Stat label="Active tool approvals" value={data.activeGrants} raw={data.activeGrants} />
          </dl>
          <ProgressBar value={data.used} max={data.limit} label="Your token use this month against your cap" />
          {fraction >= 1 ? (
            <p className="text-sm text-red-700">You are over your cap: external tools will refuse further requests this month. Use the in-house assistant or ask your manager for a cap increase.</p>
          ) : fraction >= 0.8 ? (
            <p className="text-sm text-amber-800">You have used over 80% of your monthly cap.</p>
          ) : null}
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Your recent requests</h3>
          {data.requests.length === 0 ? (
            <EmptyState title="You have not filed any exception requests">
              Check <Link className="text-indigo-700 underline" href="/allowed">what&apos;s allowed</Link>; when a tool or activity needs an exception, file a request.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {data.requests.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-1.5">
                  <Link href={`/requests/${r.id}`} className="min-w-0 truncate text-indigo-700 hover:underline">
                    {r.tool.name} · {r.activity.name}
                    {r.project ? ` · ${r.project.key}` : ""}
                  </Link>
                  <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
                    {formatDate(r.createdAt)}
                    <RequestStatusBadge status={r.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
