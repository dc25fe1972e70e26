import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Row } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { requireRole } from "@/lib/auth/authorize";
import { listUnmatchedTelemetry } from "@/lib/tools/unmatched-telemetry";
import { listProjectsForRouting } from "@/lib/tools/manage-repository-mappings";
import { env } from "@/lib/env";
import { AddMappingForm } from "../repositories/forms";
import { RowActionForm } from "@/components/ui/row-action-form";
import { dismissUnmatchedAction } from "./actions";
import { AliasEmailForm, PEOPLE_LIST_ID, RemoveAliasButton } from "./forms";
import { listAliasTargets, listEmailAliases } from "@/lib/tools/email-aliases";

export const metadata = { title: "Unmatched telemetry · Guardrail" };

const columns = [
  { key: "kind", header: "What", sortable: true },
  { key: "value", header: "Name seen", sortable: true },
  { key: "count", header: "Times", sortable: true },
  { key: "source", header: "From", sortable: true },
  { key: "firstSeenAt", header: "First seen", sortable: true },
  { key: "lastSeenAt", header: "Last seen", sortable: true },
  { key: "fix", header: "Fix" },
];

const aliasColumns = [
  { key: "email", header: "Email a tool reports", sortable: true },
  { key: "person", header: "Counts for", sortable: true },
  { key: "createdAt", header: "Added", sortable: true },
  { key: "remove", header: "" },
];

const KIND_LABEL: Record<string, string> = { user: "person", tool: "tool", project: "project", repository: "repository" };

function howToFix(kind: string) {
  if (kind === "user") return <span className="text-xs text-slate-600">Add the person to the directory; their events are refused until then.</span>;
  if (kind === "tool") return <Link href="/admin/catalog" className="text-xs text-indigo-700 underline">Add the tool to the catalog</Link>;
  return <Link href="/admin/catalog" className="text-xs text-indigo-700 underline">Add the project, or fix the name the tool sends</Link>;
}

export default async function UnmatchedTelemetryPage() {
  await requireRole("admin");
  const [rows, projects, aliases, people] = await Promise.all([listUnmatchedTelemetry(), listProjectsForRouting(), listEmailAliases(), listAliasTargets()]);
  const projectOptions = projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }));
  const tz = env.COMPANY_TIME_ZONE;
  const table: Row[] = rows.map((r) => ({
    id: r.id,
    values: { kind: r.kind, value: r.value, count: r.count, source: r.source, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString() },
    cells: {
      kind: <Badge tone={r.kind === "user" ? "danger" : "warning"}>{KIND_LABEL[r.kind] ?? r.kind}</Badge>,
      value: <code className="break-all font-mono text-xs">{r.value}</code>,
      count: r.count.toLocaleString("en-US"),
      source: r.source === "hook" ? "Claude Code hook" : "telemetry (OTLP)",
      firstSeenAt: formatDateTime(r.firstSeenAt, tz),
      lastSeenAt: formatDateTime(r.lastSeenAt, tz),
      fix: (
        <div className="space-y-2">
          {r.kind === "repository" ? (
            <AddMappingForm projects={projectOptions} pattern={r.value} />
          ) : r.kind === "user" && r.value.includes("@") ? (
            <>
              <AliasEmailForm email={r.value} />
              {howToFix(r.kind)}
            </>
          ) : (
            howToFix(r.kind)
          )}
          <RowActionForm action={dismissUnmatchedAction} id={r.id} label="Dismiss" pendingLabel="Dismissing…" ariaLabel={`Dismiss ${r.value}`} variant="secondary" />
        </div>
      ),
    },
  }));
  const aliasRows: Row[] = aliases.map((a) => ({
    id: a.id,
    values: { email: a.email, person: a.user.email, createdAt: a.createdAt.toISOString() },
    cells: {
      email: <code className="break-all font-mono text-xs">{a.email}</code>,
      person: (
        <span>
          {a.user.name} <span className="text-xs text-slate-500">({a.user.email})</span>
        </span>
      ),
      createdAt: formatDateTime(a.createdAt, tz),
      remove: <RemoveAliasButton id={a.id} email={a.email} />,
    },
  }));
  return (
    <div className="space-y-5">
      <datalist id={PEOPLE_LIST_ID}>
        {people.map((p) => (
          <option key={p.id} value={p.email}>
            {p.name}
          </option>
        ))}
      </datalist>
      <PageHeader
        title="Unmatched telemetry"
        description="Names that tool telemetry and Claude Code hook calls sent but Guardrail could not match: unknown people and tools (their events are refused), unknown projects, and working directories no repository mapping covers (counted against no project). Fix the cause, and the row goes away."
      />
      <Card>
        <DataTable
          columns={columns}
          rows={table}
          caption="Unmatched names"
          filterLabel="Filter names"
          initialSort={{ key: "lastSeenAt", dir: "desc" }}
          empty={<EmptyState title="Everything matched">Every person, tool, project and repository the tools named is known.</EmptyState>}
        />
      </Card>
      <Card>
        <section aria-labelledby="email-aliases" className="space-y-3">
          <div>
            <h2 id="email-aliases" className="text-base font-semibold text-slate-900">
              Email aliases
            </h2>
            <p className="text-sm text-slate-600">
              Other addresses tools report for a person (a personal account, an old address). Telemetry and hook calls naming an alias count for the person; an
              email that belongs to a person cannot be an alias.
            </p>
          </div>
          <AliasEmailForm />
          <DataTable
            columns={aliasColumns}
            rows={aliasRows}
            caption="Email aliases"
            filterLabel="Filter aliases"
            initialSort={{ key: "email", dir: "asc" }}
            empty={<EmptyState title="No aliases">Alias an unknown email above, or from its row in the unmatched names, to count its usage for a person.</EmptyState>}
          />
        </section>
      </Card>
    </div>
  );
}
