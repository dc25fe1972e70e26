import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card, Stat } from "@/components/ui/card";
import { legalReportTables, REVIEW_TYPES, type LegalReport } from "@/lib/reports/load-legal-report";
import { vendorViolationsChart } from "@/lib/reports/legal-report-chart";
import { reportQueryString } from "@/lib/validation/report";
import { ReportPanel } from "./report-panel";

export function LegalReportView({ report }: { report: LegalReport }) {
  const tables = legalReportTables(report);
  const csv = (id: string) => `/api/reports/legal/${id}?${reportQueryString(report.filters)}`;
  const openTotal = report.ageing.reduce((a, r) => a + r.total, 0);
  const vendorChart = vendorViolationsChart(report);
  const s = report.contributionsByStatus;
  return (
    <div className="space-y-4">
      <Card title={`${report.scope.label}: ${report.filters.from} to ${report.filters.to}`}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Open review items" value={openTotal.toLocaleString("en-US")} hint="all of the queue, as of now" />
          <Stat label="Violating events in range" value={report.exposure.reduce((a, e) => a + e.events, 0).toLocaleString("en-US")} />
          <Stat label="Contaminated contributions" value={(s.contaminated ?? 0).toLocaleString("en-US")} hint={`${s.clean ?? 0} clean · ${s.pending ?? 0} pending`} />
          <Stat label="Vendors exposed" value={report.exposure.length} />
        </dl>
      </Card>
      <ReportPanel
        table={tables["queue-ageing"]}
        csvHref={csv("queue-ageing")}
        isEmpty={openTotal === 0}
        empty="The review queue is empty: nothing is waiting."
        chart={
          <StackedBarChart
            data={report.ageing.map((a) => ({ label: a.band, ...a.values }))}
            series={REVIEW_TYPES.map((t) => ({ key: t, label: t.replace(/_/g, " ") }))}
            unit="count"
            summary="Open review items by age band and type"
            height={220}
          />
        }
      />
      <ReportPanel
        table={tables["violations-by-vendor-clause"]}
        csvHref={csv("violations-by-vendor-clause")}
        empty={`No violations were flagged between ${report.filters.from} and ${report.filters.to}.`}
        chart={<StackedBarChart data={vendorChart.data} series={report.vendors.map((v) => ({ key: v, label: v }))} unit="count" partial={vendorChart.partial} summary={`Violation review items per vendor per ${report.filters.grain}`} />}
      />
      <ReportPanel
        table={tables["vendor-exposure"]}
        csvHref={csv("vendor-exposure")}
        empty="No violating usage in this range, so no vendor is exposed."
        note="Read from the violating events themselves (through their review items): the rollups keep only a count."
        chart={<StackedBarChart data={report.exposure.map((e) => ({ label: e.vendor, tokens: e.tokens }))} series={[{ key: "tokens", label: "Tokens in violation" }]} unit="tokens" summary="Tokens used in violation per vendor" height={220} />}
      />
      <ReportPanel table={tables["contaminated-contributions"]} csvHref={csv("contaminated-contributions")} empty="No training-data contribution has been found contaminated." />
    </div>
  );
}
