import { AccountMappingForm } from "@/components/vendor-reports/account-mapping-form";
import { UploadVendorReportForm } from "@/components/vendor-reports/upload-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { listVendorReports } from "@/lib/vendor-reports/list-vendor-reports";
import { KIND_LABEL } from "@/lib/vendor-reports/types";
import { listMappingTargets, listVendorAccounts } from "@/lib/vendor-reports/vendor-accounts";

export const metadata = { title: "Vendor reports · Guardrail" };

const reportColumns = [
  { key: "vendor", header: "Vendor", sortable: true },
  { key: "kind", header: "Report", sortable: true },
  { key: "period", header: "Period", sortable: true },
  { key: "rows", header: "Rows", sortable: true, numeric: true },
  { key: "by", header: "Imported by", sortable: true },
  { key: "at", header: "When", sortable: true },
];

const accountColumns = [
  { key: "vendor", header: "Vendor", sortable: true },
  { key: "account", header: "Account", sortable: true },
  { key: "seen", header: "Seen", sortable: true },
  { key: "mapping", header: "Whose", sortable: true },
];

export default async function VendorReportsPage() {
  await requireRole("admin");
  const [reports, accounts, targets] = await Promise.all([listVendorReports(), listVendorAccounts(), listMappingTargets()]);
  const teams = targets.teams.map((t) => ({ value: t.id, label: t.name }));
  const gatewayKeys = targets.gatewayKeys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` }));
  const reportRows: Row[] = reports.map((r) => ({
    id: r.id,
    values: { vendor: r.vendorName, kind: KIND_LABEL[r.kind], period: r.periodStart, rows: r.rowCount, by: r.importedBy, at: r.importedAt.toISOString() },
    cells: {
      vendor: r.vendorName,
      kind: (
        <span>
          {KIND_LABEL[r.kind]} <Badge>{r.format.toUpperCase()}</Badge>
          {r.fileName && <span className="block text-xs text-slate-500">{r.fileName}</span>}
        </span>
      ),
      period: r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} – ${r.periodEnd}`,
      rows: r.rowCount.toLocaleString("en-US"),
      by: r.importedBy,
      at: formatDateTime(r.importedAt, env.COMPANY_TIME_ZONE),
    },
  }));
  const accountRows: Row[] = accounts.map((a) => {
    const current = a.mapping?.team ? `team:${a.mapping.team.id}` : a.mapping?.apiKey ? `key:${a.mapping.apiKey.id}` : "";
    return {
      id: `${a.vendorId}|${a.accountRef}`,
      values: { vendor: a.vendorName, account: a.accountRef, seen: a.lastDay, mapping: a.mapping?.team?.name ?? a.mapping?.apiKey?.name ?? "" },
      cells: {
        vendor: a.vendorName,
        account: <code className="font-mono text-xs">{a.accountRef}</code>,
        seen: (
          <span className="text-xs">
            {a.rows.toLocaleString("en-US")} rows, {a.firstDay === a.lastDay ? a.firstDay : `${a.firstDay} – ${a.lastDay}`}
          </span>
        ),
        mapping: <AccountMappingForm vendorId={a.vendorId} accountRef={a.accountRef} current={current} label={a.mapping?.label ?? ""} teams={teams} gatewayKeys={gatewayKeys} />,
      },
    };
  });
  return (
    <div className="space-y-5">
      <PageHeader
        title="Vendor reports"
        description="What the vendors say was used and billed: Anthropic's usage, cost and Claude Code reports, OpenAI's usage and costs, and Google Cloud's billing export for Gemini. Imported rows are kept apart from Guardrail's own events and compared with them. A file with any bad row is refused whole; the same file imported twice changes nothing."
      />
      <Card title="Upload a report">
        <UploadVendorReportForm />
      </Card>
      <Card title="Imported reports">
        <DataTable
          columns={reportColumns}
          rows={reportRows}
          caption="Imported vendor reports"
          filterLabel="Filter reports"
          initialSort={{ key: "at", dir: "desc" }}
          empty={<EmptyState title="No vendor reports yet">Upload one above, or send it with POST /api/v1/vendor-reports (a gateway key with the ingest scope).</EmptyState>}
        />
      </Card>
      <Card title="Vendor accounts">
        <p className="mb-3 text-sm text-slate-600">
          API keys, workspaces and projects the reports name. Reports without a person (API usage, cost and billing reports) are compared with Guardrail per team or gateway: say whose each account is.
        </p>
        <DataTable
          columns={accountColumns}
          rows={accountRows}
          caption="Vendor accounts seen in reports"
          filterLabel="Filter accounts"
          initialSort={{ key: "vendor", dir: "asc" }}
          empty={<EmptyState title="No vendor accounts yet">Accounts appear here once a report that names API keys, workspaces or projects is imported.</EmptyState>}
        />
      </Card>
    </div>
  );
}
