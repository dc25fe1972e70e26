import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Row } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { hasRole, requirePerson } from "@/lib/auth/authorize";
import { listPersonalTokens } from "@/lib/api-keys/personal-tokens";
import { managedSettingsSnippet } from "@/lib/tools/connect-snippets";
import { env } from "@/lib/env";
import { ConnectTools } from "./connect-tools";
import { RowActionForm } from "@/components/ui/row-action-form";
import { revokePersonalTokenAction } from "./actions";
import { SnippetBlock } from "./snippet-block";

export const metadata = { title: "Connect your tools · Guardrail" };

const columns = [
  { key: "name", header: "Name", sortable: true },
  { key: "prefix", header: "Token starts with" },
  { key: "createdAt", header: "Created", sortable: true },
  { key: "lastUsedAt", header: "Last used", sortable: true },
  { key: "status", header: "Status", sortable: true },
  { key: "actions", header: "" },
];

export default async function ConnectPage() {
  const person = await requirePerson();
  const tokens = await listPersonalTokens(person.id);
  const tz = env.COMPANY_TIME_ZONE;
  const rows: Row[] = tokens.map((t) => ({
    id: t.id,
    values: { name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, status: t.revokedAt ? "revoked" : "active" },
    cells: {
      name: <span className="font-medium text-slate-900">{t.name}</span>,
      prefix: <code className="font-mono text-xs">{t.prefix}…</code>,
      createdAt: formatDateTime(t.createdAt, tz),
      lastUsedAt: t.lastUsedAt ? formatDateTime(t.lastUsedAt, tz) : <span className="text-slate-500">never</span>,
      status: t.revokedAt ? <Badge tone="danger">revoked {formatDateTime(t.revokedAt, tz)}</Badge> : <Badge tone="success">active</Badge>,
      actions: t.revokedAt ? null : <RowActionForm action={revokePersonalTokenAction} id={t.id} label="Revoke" pendingLabel="Revoking…" ariaLabel={`Revoke ${t.name}`} confirm={`Revoke "${t.name}"? Tools using it get 401 at once.`} />,
    },
  }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Connect your tools"
        description={
          <>
            Claude Code, Codex and Gemini CLI report your usage to Guardrail through their own telemetry, and Claude Code asks Guardrail before each prompt and tool call. Create a personal token, then paste the
            snippet for your tool. See <Link href="/allowed" className="text-indigo-700 underline">What&apos;s allowed</Link> for what the answers will be.
          </>
        }
      />
      <Card title="1. Create a token, 2. copy your tool's settings">
        <ConnectTools baseUrl={env.publicUrl} />
      </Card>
      <Card title="Your tokens">
        <DataTable
          columns={columns}
          rows={rows}
          caption="Your personal tokens"
          filterLabel="Filter tokens"
          initialSort={{ key: "status", dir: "asc" }}
          empty={<EmptyState title="No tokens yet">Create one above for each machine you use an AI tool on.</EmptyState>}
        />
      </Card>
      {hasRole(person, "admin") && (
        <Card title="For administrators: enforce it for everyone">
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              Deploy this managed settings file to every machine: telemetry goes out with a gateway key (create one with the ingest scope on{" "}
              <Link href="/admin/api-keys" className="text-indigo-700 underline">API keys</Link>), and only these hooks run. Map repositories to projects on{" "}
              <Link href="/admin/repositories" className="text-indigo-700 underline">Repositories</Link>.
            </p>
            <SnippetBlock snippet={managedSettingsSnippet(env.publicUrl)} />
          </div>
        </Card>
      )}
    </div>
  );
}
