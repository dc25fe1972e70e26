import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatPercent, formatTokens } from "@/components/ui/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { EngineerOverview } from "@/lib/overview/engineer-overview";

const STATUS_TONE: Record<string, Tone> = {
  pending_manager: "warning",
  pending_legal: "warning",
  approved: "success",
  rejected: "danger",
  revoked: "danger",
  withdrawn: "neutral",
  expired: "neutral",
};

export function EngineerPanel({ data }: { data: EngineerOverview }) {
  const fraction = data.limit > 0 ? data.used / data.limit : 0;
  return (
    <Card title="Your usage and requests" actions={<LinkButton href="/requests/new" size="sm">New exception request</LinkButton>}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-3">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Stat label={`External tokens used (${data.period})`} value={formatTokens(data.used)} raw={data.used} hint={`${formatPercent(fraction)} of your external-tools cap`} />
            <Stat label="External-tools cap" value={formatTokens(data.limit)} raw={data.limit} hint={`${formatTokens(Math.max(data.limit - data.used, 0))} left`} />
            <Stat
              label={`In-house tokens (${data.period})`}
              value={formatTokens(data.inHouseUsed)}
              raw={data.inHouseUsed}
              hint={data.inHouseLimit === null ? "not counted toward your cap" : `of a separate in-house cap of ${formatTokens(data.inHouseLimit)}`}
            />
            <Stat label="Active tool approvals" value={data.activeGrants} raw={data.activeGrants} />
          </dl>
          <ProgressBar value={data.used} max={data.limit} label="Your external-tool token use this month against your external-tools cap" />
          <p className="text-xs text-slate-500">Only external tools count toward this cap. The in-house assistant does not{data.inHouseLimit === null ? " and has no cap" : "; it has its own cap"}.</p>
          {fraction >= 1 ? (
            <p role="status" className="text-sm text-red-700">
              You are over your external-tools cap: external tools will refuse further requests this month. The in-house assistant does not count toward it: use it to go on, or{" "}
              <Link className="font-medium underline" href="/usage?capIncrease=1#cap-increase">
                ask for a cap increase
              </Link>
              .
            </p>
          ) : fraction >= 0.8 ? (
            <p className="text-sm text-amber-800">You have used over 80% of your external-tools cap. The in-house assistant does not count toward it.</p>
          ) : null}
          {data.inHouseLimit !== null && data.inHouseUsed >= data.inHouseLimit && (
            <p role="status" className="text-sm text-red-700">You have reached your separate in-house cap: the in-house assistant refuses further requests this month.</p>
          )}
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
                    <Badge tone={STATUS_TONE[r.status] ?? "neutral"}>{r.status.replace("_", " ")}</Badge>
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
