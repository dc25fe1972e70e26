import { StackedBarChart, type ChartDatum } from "@/components/charts/stacked-bar-chart";
import { ShareAreaChart } from "@/components/charts/share-area-chart";
import { formatValue } from "@/components/charts/palette";
import { Card, Stat } from "@/components/ui/card";
import { BILLED_UNSEEN_SERIES, type OrgReport } from "@/lib/reports/load-org-report";
import { orgReportTables } from "@/lib/reports/org-report-tables";
import type { BucketRow } from "@/lib/reports/time-buckets";
import { partialBuckets } from "@/lib/reports/partial-buckets";
import { reportQueryString } from "@/lib/validation/report";
import { ReportPanel } from "./report-panel";

const chartData = (rows: BucketRow[]): ChartDatum[] => rows.map((r) => ({ label: r.bucket, ...r.values }));

export function OrgReportView({ report }: { report: OrgReport }) {
  const tables = orgReportTables(report);
  const qs = reportQueryString(report.filters);
  const csv = (id: string) => `/api/reports/org/${id}?${qs}`;
  const series = report.tools.map((t) => ({ key: t.slug, label: t.name }));
  const noUsage = report.totals.events === 0 && report.totals.tokens === 0;
  const noUsageWhy = `No usage was recorded for ${report.scope.label} between ${report.filters.from} and ${report.filters.to}. Try a longer range or another team.`;
  const e = report.exceptions;
  const partial = partialBuckets(report.tokensByTool.map((r) => r.bucket), report.filters.from, report.filters.to, report.filters.grain);
  const share = report.inHouse.reduce((a, b) => ({ i: a.i + b.internal, x: a.x + b.external }), { i: 0, x: 0 });

  return (
    <div className="space-y-4">
      <Card title={`${report.scope.label}: ${report.filters.from} to ${report.filters.to}`}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="People" value={report.totals.people.toLocaleString("en-US")} />
          <Stat label="Tokens" value={formatValue(report.totals.tokens, "tokens")} />
          <Stat label="Spend" value={formatValue(report.totals.costUsd, "usd")} hint={report.totals.billedUsd > 0 ? `${formatValue(report.totals.billedUsd, "usd")} vendor-billed, the rest estimated` : "estimated from tool prices"} />
          <Stat label="In-house share" value={share.i + share.x ? `${Math.round((share.i / (share.i + share.x)) * 100)}%` : "—"} />
          <Stat label="Violating events" value={report.totals.violations.toLocaleString("en-US")} />
          <Stat label="Median time to decision" value={e.medianHours === null ? "—" : `${Math.round(e.medianHours * 10) / 10} h`} hint={`${e.opened} requests opened`} />
        </dl>
        <p className="mt-3 text-xs text-slate-500">
          <a className="text-indigo-700 hover:underline print:hidden" href={csv("daily-rows")} download>
            Download every daily row in this range (CSV)
          </a>
        </p>
      </Card>

      <ReportPanel table={tables["tokens-by-tool"]} csvHref={csv("tokens-by-tool")} isEmpty={noUsage} empty={noUsageWhy} chart={<StackedBarChart data={chartData(report.tokensByTool)} series={series} unit="tokens" partial={partial} summary={`Tokens by tool per ${report.filters.grain}, stacked`} />} />
      <ReportPanel
        table={tables["spend-by-tool"]}
        csvHref={csv("spend-by-tool")}
        isEmpty={noUsage && report.totals.billedUsd === 0}
        empty={noUsageWhy}
        note={
          report.totals.billedUsd > 0
            ? `Vendor-billed: on days a vendor's cost report covers, its bill replaces the price-list estimate (spread over the people who used its tools that day in proportion to their estimate). ${formatValue(report.totals.billedUsd, "usd")} of ${formatValue(report.totals.costUsd, "usd")} is vendor-billed; the rest is estimated. The last two columns split each row.`
            : "Estimated: tool prices × tokens. No vendor cost report covers this range yet."
        }
        chart={<StackedBarChart data={chartData(report.spendByTool)} series={report.hasUnseenBills ? [...series, { key: BILLED_UNSEEN_SERIES, label: "Vendor-billed, not seen by Guardrail" }] : series} unit="usd" partial={partial} summary={`Spend in USD by tool per ${report.filters.grain}, stacked`} />}
      />
      <ReportPanel
        table={tables["external-vs-in-house"]}
        csvHref={csv("external-vs-in-house")}
        isEmpty={report.externalVsInHouse.every((m) => m.externalUsd === 0 && m.inHouseUsd === 0)}
        empty={`No spend for ${report.scope.label} in the twelve months to ${report.filters.to.slice(0, 7)}.`}
        note="The migration to the in-house assistant in money: the twelve calendar months up to the end of the range. External spend is vendor-billed where a cost report covers the day, estimated elsewhere; in-house spend is estimated from the in-house tools' prices."
        chart={
          <StackedBarChart
            data={report.externalVsInHouse.map((m) => ({ label: m.month, external: m.externalUsd, inHouse: m.inHouseUsd }))}
            series={[
              { key: "external", label: "External tools" },
              { key: "inHouse", label: "In-house assistant" },
            ]}
            unit="usd"
            summary="External versus in-house spend per month"
          />
        }
      />
      <ReportPanel
        table={tables["in-house-share"]}
        csvHref={csv("in-house-share")}
        isEmpty={noUsage}
        empty={noUsageWhy}
        note="The migration to the in-house assistant: share of tokens on internal tools."
        chart={<ShareAreaChart data={report.inHouse.map((b) => ({ label: b.bucket, internal: b.internal, external: b.external }))} summary="In-house versus external share of tokens over time" />}
      />
      <div className="grid gap-4 2xl:grid-cols-2">
        <ReportPanel
          table={tables["cap-utilization"]}
          csvHref={csv("cap-utilization")}
          isEmpty={report.totals.people === 0}
          empty="Nobody active is in this scope."
          note={`Everyone in scope by how much of their monthly cap on external tools they used in ${report.period.period} (day ${report.period.daysElapsed} of ${report.period.daysInPeriod}). In-house assistant tokens do not count toward it.`}
          chart={<StackedBarChart data={report.capHistogram.map((b) => ({ label: b.label, people: b.people }))} series={[{ key: "people", label: "People" }]} unit="count" summary="Number of people per cap utilization band" height={220} />}
        />
        <ReportPanel table={tables["cap-people"]} csvHref={csv("cap-people")} empty={`Nobody in scope has used 80% of their cap in ${report.period.period}.`} />
      </div>
      <div className="grid gap-4 2xl:grid-cols-2">
        <ReportPanel table={tables["top-people"]} csvHref={csv("top-people")} empty={noUsageWhy} />
        <ReportPanel table={tables["top-projects"]} csvHref={csv("top-projects")} empty={noUsageWhy} />
      </div>
      <ReportPanel
        table={tables.exceptions}
        csvHref={csv("exceptions")}
        isEmpty={e.opened === 0}
        empty="Nobody in scope filed an exception request in this range."
        note={`${e.opened} opened · ${e.approved} approved · ${e.rejected} rejected · ${e.pending} pending · ${e.withdrawn} withdrawn · median time to decision ${e.medianHours === null ? "—" : `${Math.round(e.medianHours * 10) / 10} hours`}`}
        chart={
          <StackedBarChart
            data={tables.exceptions.rows.map((r) => ({ label: String(r.bucket), approved: Number(r.approved), rejected: Number(r.rejected), open: Number(r.opened) - Number(r.approved) - Number(r.rejected) }))}
            series={[
              { key: "approved", label: "Approved" },
              { key: "rejected", label: "Rejected" },
              { key: "open", label: "Pending or withdrawn" },
            ]}
            unit="count"
            partial={partial}
            summary="Exception requests opened per period by outcome"
            height={220}
          />
        }
      />
      <ReportPanel
        table={tables["violations-by-clause"]}
        csvHref={csv("violations-by-clause")}
        empty="No violations were flagged for people in scope in this range."
        chart={<StackedBarChart data={report.violationsByClause.map((c) => ({ label: `${c.vendor} ${c.ref}`, items: c.items }))} series={[{ key: "items", label: "Review items" }]} unit="count" summary="Violation review items per clause" height={220} />}
      />
      <div className="grid gap-4 2xl:grid-cols-2">
        <ReportPanel
          table={tables["team-forecast"]}
          csvHref={csv("team-forecast")}
          empty={`No spend yet in ${report.period.period}.`}
          note="Run rate: the average day so far times the days in the month. Trend: a straight line fitted through the days so far."
        />
        <ReportPanel table={tables["cap-breaches"]} csvHref={csv("cap-breaches")} empty={`At their current pace nobody in scope passes their cap before ${report.period.period} ends.`} />
      </div>
    </div>
  );
}
