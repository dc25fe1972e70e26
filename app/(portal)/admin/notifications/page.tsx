import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { readOpsSettings } from "@/lib/notifications/ops-settings";
import { listWebhookEndpoints, outboxHealth } from "@/lib/notifications/webhook-endpoints";
import { CreateWebhookForm } from "./create-webhook-form";
import { RowActionButton } from "./row-action-button";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Notifications · Guardrail" };

const COLUMNS = [
  { key: "url", header: "Endpoint", sortable: true },
  { key: "events", header: "Events" },
  { key: "delivered", header: "Delivered", numeric: true, sortable: true },
  { key: "pending", header: "Pending", numeric: true, sortable: true },
  { key: "dead", header: "Failed", numeric: true, sortable: true },
  { key: "status", header: "Status", sortable: true },
  { key: "actions", header: "" },
];

export default async function NotificationsAdminPage() {
  await requireRole("admin");
  const [settings, endpoints, health] = await Promise.all([readOpsSettings(), listWebhookEndpoints(), outboxHealth()]);
  const tz = env.COMPANY_TIME_ZONE;
  const rows: Row[] = endpoints.map((e) => ({
    id: e.id,
    values: { url: e.url, events: e.events.join(", "), delivered: e.delivered, pending: e.pending, dead: e.dead, status: e.disabledAt ? "disabled" : "active" },
    cells: {
      url: (
        <span>
          <Link href={`/admin/notifications/webhooks/${e.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
            {e.url}
          </Link>
          {e.description && <span className="block text-xs text-slate-500">{e.description}</span>}
        </span>
      ),
      events: e.events.length ? <span className="text-xs">{e.events.join(", ")}</span> : <span className="text-xs text-slate-500">all events</span>,
      status: e.disabledAt ? <Badge>disabled {formatDateTime(e.disabledAt, tz)}</Badge> : <Badge tone="success">active</Badge>,
      actions: e.disabledAt ? null : <RowActionButton kind="disable" id={e.id} label={`Disable ${e.url}`} confirm={`Stop deliveries to ${e.url}?`} />,
    },
  }));
  const stuck = health.filter((h) => h.status === "dead" || h.status === "pending" || h.status === "sending");
  return (
    <div className="space-y-5">
      <PageHeader
        title="Notifications"
        description="Everything Guardrail sends (email copies of inbox notifications, Slack posts, signed webhooks) goes through one outbox in the database, written with the change that caused it and retried with backoff until delivered. Changes here are audited."
      />
      <Card title="Settings">
        <SettingsForm slackConfigured={!!settings.slackWebhookUrl} approvalReminderDays={settings.approvalReminderDays} legalLeadEmail={settings.legalLeadEmail} />
      </Card>
      <Card title="Add a webhook endpoint">
        <CreateWebhookForm />
      </Card>
      <Card title="Webhook endpoints">
        <DataTable
          columns={COLUMNS}
          rows={rows}
          caption="Webhook endpoints"
          filterLabel="Filter endpoints"
          initialSort={{ key: "status", dir: "asc" }}
          empty={<EmptyState title="No webhook endpoints yet">Add one above to receive signed events in your own systems.</EmptyState>}
        />
      </Card>
      <Card title="Outbox">
        {stuck.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing waiting and nothing failed: every message was delivered.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {stuck.map((h) => (
              <li key={`${h.channel}-${h.status}`}>
                <Badge tone={h.status === "dead" ? "danger" : "warning"}>{h.status === "dead" ? "failed" : h.status}</Badge> {h.count} {h.channel} {h.count === 1 ? "message" : "messages"}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
