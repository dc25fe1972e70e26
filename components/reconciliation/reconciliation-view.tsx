import Link from "next/link";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { formatValue } from "@/components/charts/palette";
import { Badge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, formatUsd } from "@/components/ui/format";
import type { ReconciliationPage } from "@/lib/reconciliation/load-reconciliation-page";

const COLUMNS = [
  { key: "subject", header: "Subject", sortable: true },
  { key: "vendor", header: "Vendor", sortable: true },
  { key: "day", header: "Day (UTC)", sortable: true },
  { key: "vendorTokens", header: "Vendor tokens", numeric: true, sortable: true },
  { key: "vendorCost", header: "Vendor cost", numeric: true, sortable: true },
  { key: "guardrailTokens", header: "Guardrail tokens", numeric: true, sortable: true },
  { key: "guardrailCost", header: "Guardrail cost (estimate)", numeric: true, sortable: true },
  { key: "gapTokens", header: "Gap tokens", numeric: true, sortable: true },
  { key: "gapCost", header: "Gap cost", numeric: true, sortable: true },
  { key: "models", header: "Vendor's models" },
  { key: "review", header: "Review item", sortable: true },
];

function rows(page: ReconciliationPage): Row[] {
  return page.lines.map((l) => ({
    id: `${l.vendorId}:${l.day}:${l.subjectKey}`,
    values: {
      subject: l.subjectLabel, vendor: l.vendor, day: l.day, vendorTokens: l.vendorTokens, vendorCost: l.vendorCostUsd, guardrailTokens: l.guardrailTokens, guardrailCost: l.guardrailCostUsd,
      gapTokens: l.gapTokens, gapCost: l.gapCostUsd, models: l.models.map((m) => m.model).join(" "), review: l.reviewItemId ? "open" : l.unexplained ? "pending" : "",
    },
    cells: {
      subject: l.subjectLabel,
      vendor: l.vendor,
      day: l.day,
      vendorTokens: formatCount(l.vendorTokens),
      vendorCost: (
        <span className="whitespace-nowrap">
          {formatUsd(l.vendorCostUsd)} {l.vendorCostBilled ? <Badge tone="info">billed</Badge> : <Badge>estimate</Badge>}
        </span>
      ),
      guardrailTokens: formatCount(l.guardrailTokens),
      guardrailCost: formatUsd(l.guardrailCostUsd),
      gapTokens: <span className={l.unexplained ? "font-semibold text-red-700" : ""}>{formatCount(l.gapTokens)}{l.unexplained && <span className="sr-only"> (unexplained)</span>}</span>,
      gapCost: formatUsd(l.gapCostUsd),
      models: (
        <span className="text-xs text-slate-600">{l.models.map((m) => `${m.model} ${formatValue(m.tokens, "tokens")}`).join(" · ") || "—"}</span>
      ),
      review: l.reviewItemId ? (
        <Link className="text-indigo-700 hover:underline" href={`/review/${l.reviewItemId}`}>Review item</Link>
      ) : l.unexplained ? (
        <span className="text-xs text-slate-600">opens on the next run</span>
      ) : (
        "—"
      ),
    },
  }));
}

export function ReconciliationView({ page }: { page: ReconciliationPage }) {
  if (!page.hasReports) {
    return (
      <EmptyState title="No vendor report imported yet" action={<Link className="text-indigo-700 hover:underline" href="/admin/vendor-reports">Import a vendor report</Link>}>
        Reconciliation compares what the vendors report with what Guardrail saw. An admin imports the vendors&apos; usage and cost reports first.
      </EmptyState>
    );
  }
  const t = page.totals;
  return (
    <div className="space-y-4">
      <Card title={`${page.filters.vendor ? (page.vendors.find((v) => v.slug === page.filters.vendor)?.name ?? "All vendors") : "All vendors"}: ${page.filters.from} to ${page.filters.to} (UTC days)`}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Vendor tokens" value={formatValue(t.vendorTokens, "tokens")} />
          <Stat label="Guardrail tokens" value={formatValue(t.guardrailTokens, "tokens")} />
          <Stat label="Unexplained gap" value={formatValue(t.unexplainedTokens, "tokens")} hint={`${t.unexplainedLines} subject-days`} />
          <Stat label="Threshold" value={`${formatCount(page.threshold.tokens)} tokens`} hint={`and ${page.threshold.percent}% of the vendor's figure`} />
        </dl>
        <p className="mt-3 text-xs text-slate-600">
          Compared per vendor, UTC day (the vendors&apos; days) and subject: the person where the vendor names one (Claude Code analytics), else the team or
          gateway key the vendor account is mapped to, else the unmapped account. Guardrail&apos;s events carry no model, so the vendor&apos;s model split is
          detail only. Gap = vendor − Guardrail; only the days a vendor usage report covers are compared.
        </p>
      </Card>
      <Card title="Gap over time">
        {t.unexplainedTokens + page.gapByDay.reduce((a, d) => a + d.values.withinThreshold, 0) === 0 ? (
          <EmptyState title="No gap in this range">The vendors report no more tokens than Guardrail saw on these days.</EmptyState>
        ) : (
          <StackedBarChart
            data={page.gapByDay.map((d) => ({ label: d.day, ...d.values }))}
            series={[
              { key: "unexplained", label: "Unexplained (above the threshold)" },
              { key: "withinThreshold", label: "Within the threshold" },
            ]}
            unit="tokens"
            summary="Tokens the vendors reported beyond what Guardrail saw, per UTC day"
          />
        )}
      </Card>
      <Card title="Largest differences">
        {page.lines.length === 0 ? (
          <EmptyState title="Nothing to compare in this range">No vendor report covers these days. Pick another range or import a report for them.</EmptyState>
        ) : (
          <DataTable caption="Largest differences between vendor reports and Guardrail" columns={COLUMNS} rows={rows(page)} initialSort={{ key: "gapTokens", dir: "desc" }} filterLabel="Filter differences" />
        )}
      </Card>
    </div>
  );
}
