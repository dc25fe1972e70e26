import Link from "next/link";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { formatValue } from "@/components/charts/palette";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { myUsageTables, type MyUsage } from "@/lib/reports/load-my-usage";
import { ReportPanel } from "./report-panel";

const tokens = (n: number) => Math.round(n).toLocaleString("en-US");
const stateTone: Record<string, Tone> = { active: "success", upcoming: "info", expired: "neutral", revoked: "danger" };

export function MyUsageView({ usage, now }: { usage: MyUsage; now: Date }) {
  const tables = myUsageTables(usage);
  const csv = (id: string) => `/api/reports/usage/${id}`;
  const { breach, period } = usage;
  const noUsage = usage.byTool.length === 0;
  const noUsageWhy = `No usage has been recorded for you in ${period.period} yet.`;
  const soon = new Date(now.getTime() + 14 * 86_400_000);
  return (
    <div className="space-y-4">
      <Card title={`Your external-tools cap, ${period.period}`}>
        <div className="space-y-3">
          <ProgressBar value={usage.used} max={usage.cap} label={`External-tool tokens used of your ${period.period} cap`} />
          <p className="text-sm text-slate-700">
            <strong className="tabular-nums">{tokens(usage.used)}</strong> of <span className="tabular-nums">{tokens(usage.cap)}</span> tokens on external tools ({Math.floor(breach.utilization * 100)}%), day {period.daysElapsed} of{" "}
            {period.daysInPeriod}. Only external tools count toward this cap; your <strong className="tabular-nums">{tokens(usage.inHouseUsed)}</strong> in-house assistant tokens do not
            {usage.inHouseCap === null ? " (the in-house assistant has no cap)." : <>, they count toward a separate in-house cap of <span className="tabular-nums">{tokens(usage.inHouseCap)}</span>.</>}
          </p>
          {usage.inHouseCap !== null && <ProgressBar value={usage.inHouseUsed} max={usage.inHouseCap} label={`In-house assistant tokens used of your ${period.period} in-house cap`} />}
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Stat label="Forecast at current pace" value={formatValue(breach.projected, "tokens")} hint={`${Math.floor(breach.projectedUtilization * 100)}% of cap by month end`} />
            <Stat label="Forecast on trend" value={formatValue(usage.trendForecast, "tokens")} hint="straight line through the days so far" />
            <Stat label="Remaining" value={formatValue(Math.max(0, usage.cap - usage.used), "tokens")} />
            <Stat label="Projected to pass the cap" value={breach.alreadyOver ? "Already over" : (breach.breachDay ?? "No")} />
          </dl>
          {(breach.alreadyOver || breach.breachDay) && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {breach.alreadyOver ? "You are over your external-tools cap: external tools deny further usage this month." : `At this pace you reach your external-tools cap on ${breach.breachDay}.`} The in-house
              assistant (metacode) does not count toward it: use it to go on, or{" "}
              <Link className="font-medium underline" href="#cap-increase">
                ask for a cap increase
              </Link>
              .
            </p>
          )}
        </div>
      </Card>
      <ReportPanel
        table={tables.daily}
        csvHref={csv("daily")}
        isEmpty={noUsage}
        empty={noUsageWhy}
        chart={<StackedBarChart data={usage.daily.map((d) => ({ label: d.bucket.slice(5), ...d.values }))} series={usage.tools.map((t) => ({ key: t.slug, label: t.name }))} unit="tokens" summary="Your tokens per day this month by tool" />}
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <ReportPanel table={tables["by-tool"]} csvHref={csv("by-tool")} empty={noUsageWhy} />
        <ReportPanel table={tables["by-project"]} csvHref={csv("by-project")} empty={noUsageWhy} />
      </div>
      <Card
        title="Your tool approvals (grants)"
        actions={
          <Link href="/requests/new" className="text-xs font-medium text-indigo-700 hover:underline">
            Request an exception
          </Link>
        }
      >
        {usage.grants.length === 0 ? (
          <EmptyState title="You hold no grants">Grants appear here when an exception request of yours is approved.</EmptyState>
        ) : (
          <DataTable
            caption="Your grants"
            columns={[
              { key: "tool", header: "Tool", sortable: true },
              { key: "activity", header: "Activity", sortable: true },
              { key: "project", header: "Project", sortable: true },
              { key: "validFrom", header: "From", sortable: true },
              { key: "validTo", header: "Until", sortable: true },
              { key: "state", header: "State", sortable: true },
            ]}
            rows={usage.grants.map((g) => ({
              id: g.id,
              values: { tool: g.tool, activity: g.activity, project: g.project ?? "any", validFrom: g.validFrom.toISOString().slice(0, 10), validTo: g.validTo.toISOString().slice(0, 10), state: g.state },
              cells: {
                state: (
                  <span className="inline-flex gap-1">
                    <Badge tone={stateTone[g.state]}>{g.state}</Badge>
                    {g.state === "active" && g.validTo < soon && <Badge tone="warning">expires soon</Badge>}
                  </span>
                ),
              },
            }))}
            initialSort={{ key: "validTo", dir: "desc" }}
          />
        )}
      </Card>
    </div>
  );
}
