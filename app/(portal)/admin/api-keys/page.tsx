import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Row } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { requireRole } from "@/lib/auth/authorize";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { env } from "@/lib/env";
import { CreateKeyForm } from "./create-key-form";
import { RowActionForm } from "@/components/ui/row-action-form";
import { revokeApiKeyAction } from "./actions";

export const metadata = { title: "API keys · Guardrail" };

const columns = [
  { key: "name", header: "Name", sortable: true },
  { key: "prefix", header: "Key starts with" },
  { key: "scopes", header: "Scopes", sortable: true },
  { key: "createdAt", header: "Created", sortable: true },
  { key: "lastUsedAt", header: "Last used", sortable: true },
  { key: "expiresAt", header: "Expires", sortable: true },
  { key: "status", header: "Status", sortable: true },
  { key: "actions", header: "" },
];

const statusOf = (k: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) => (k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= now ? "expired" : "active");

export default async function ApiKeysPage() {
  await requireRole("admin");
  const keys = await listApiKeys();
  const tz = env.COMPANY_TIME_ZONE;
  const now = new Date();
  const rows: Row[] = keys.map((k) => ({
    id: k.id,
    values: {
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes.join(", "),
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      expiresAt: k.expiresAt?.toISOString() ?? null,
      status: statusOf(k, now),
    },
    cells: {
      name: (
        <span>
          <span className="font-medium text-slate-900">{k.name}</span>
          {k.createdBy && <span className="block text-xs text-slate-500">by {k.createdBy}</span>}
        </span>
      ),
      prefix: <code className="font-mono text-xs">{k.prefix}…</code>,
      scopes: (
        <span className="flex flex-wrap gap-1">
          {k.scopes.map((s) => (
            <Badge key={s} tone="info">
              {s}
            </Badge>
          ))}
        </span>
      ),
      createdAt: formatDateTime(k.createdAt, tz),
      lastUsedAt: k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : <span className="text-slate-500">never</span>,
      expiresAt: k.expiresAt ? formatDateTime(k.expiresAt, tz) : <span className="text-slate-500">never</span>,
      status: k.revokedAt ? (
        <Badge tone="danger">revoked {formatDateTime(k.revokedAt, tz)}</Badge>
      ) : statusOf(k, now) === "expired" ? (
        <Badge tone="warning">expired</Badge>
      ) : (
        <Badge tone="success">active</Badge>
      ),
      actions: k.revokedAt ? null : <RowActionForm action={revokeApiKeyAction} id={k.id} label="Revoke" pendingLabel="Revoking…" ariaLabel={`Revoke ${k.name}`} confirm={`Revoke "${k.name}"? Gateways using it get 401 at once.`} />,
    },
  }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="API keys"
        description="Keys let AI gateways and tool telemetry call the machine API (see API reference). A key is shown once when it is created and stored only as a hash; it can expire on a date chosen at creation. Creating and revoking keys is written to the audit log."
      />
      <Card title="Create a key">
        <CreateKeyForm />
      </Card>
      <Card title="Keys">
        <DataTable
          columns={columns}
          rows={rows}
          caption="API keys"
          filterLabel="Filter keys"
          initialSort={{ key: "status", dir: "asc" }}
          empty={<EmptyState title="No API keys yet">Create one above for each gateway.</EmptyState>}
        />
      </Card>
    </div>
  );
}
