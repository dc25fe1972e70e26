import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getWebhookDeliveryLog } from "@/lib/notifications/webhook-endpoints";
import { RowActionButton } from "../../row-action-button";

export const metadata = { title: "Webhook deliveries · Guardrail" };

const COLUMNS = [
  { key: "createdAt", header: "Queued", sortable: true },
  { key: "eventType", header: "Event", sortable: true },
  { key: "status", header: "Status", sortable: true },
  { key: "attempts", header: "Attempts", numeric: true, sortable: true },
  { key: "result", header: "Last result" },
  { key: "actions", header: "" },
];

const TONES: Record<string, Tone> = { delivered: "success", pending: "warning", sending: "info", dead: "danger" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const log = await getWebhookDeliveryLog(id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const tz = env.COMPANY_TIME_ZONE;
  const active = !log.endpoint.disabledAt;
  const rows: Row[] = log.deliveries.map((d) => ({
    id: d.id,
    values: { createdAt: d.createdAt.toISOString(), eventType: d.eventType, status: d.status, attempts: d.attempts, result: d.lastError ?? "" },
    cells: {
      createdAt: <time dateTime={d.createdAt.toISOString()}>{formatDateTime(d.createdAt, tz)}</time>,
      eventType: <code className="text-xs">{d.eventType}</code>,
      status: (
        <span>
          <Badge tone={TONES[d.status]}>{d.status === "dead" ? "failed" : d.status}</Badge>
          {d.status === "pending" && d.attempts > 0 && <span className="block text-xs text-slate-500">next try {formatDateTime(d.nextAttemptAt, tz)}</span>}
          {d.deliveredAt && <span className="block text-xs text-slate-500">{formatDateTime(d.deliveredAt, tz)}</span>}
        </span>
      ),
      attempts: `${d.attempts} of ${d.maxAttempts}`,
      result: <span className="text-xs">{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ""}{d.lastError && d.lastError !== `HTTP ${d.lastStatusCode}` ? ` ${d.lastError}` : ""}</span>,
      actions: active && (d.status === "delivered" || d.status === "dead") ? <RowActionButton kind="redeliver" id={d.id} label={`Redeliver ${d.eventType} from ${formatDateTime(d.createdAt, tz)}`} /> : null,
    },
  }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Webhook deliveries"
        description={`${log.endpoint.url}${log.endpoint.description ? ` · ${log.endpoint.description}` : ""}. Each delivery is retried with backoff (30 s, 1 min, 2 min, … up to 8 attempts); redelivering sends the same event again with a new delivery id.`}
        actions={
          <Link href="/admin/notifications" className="text-sm text-sky-800 underline-offset-2 hover:underline">
            All endpoints
          </Link>
        }
      />
      <Card title={active ? "Newest deliveries" : "Newest deliveries (endpoint disabled)"}>
        <DataTable
          columns={COLUMNS}
          rows={rows}
          caption="Deliveries to this endpoint"
          filterLabel="Filter deliveries"
          initialSort={{ key: "createdAt", dir: "desc" }}
          empty={<EmptyState title="Nothing delivered yet">Deliveries appear here when a subscribed event happens.</EmptyState>}
        />
      </Card>
    </div>
  );
}
