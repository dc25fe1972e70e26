import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable, type Row } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { requireRole } from "@/lib/auth/authorize";
import { listProjectsForRouting, listRepositoryMappings } from "@/lib/tools/manage-repository-mappings";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { env } from "@/lib/env";
import { AddMappingForm, DefaultActivityForm, RemoveMappingButton } from "./forms";

export const metadata = { title: "Repositories · Guardrail" };

const columns = [
  { key: "pattern", header: "Repository", sortable: true },
  { key: "project", header: "Project", sortable: true },
  { key: "createdAt", header: "Added", sortable: true },
  { key: "actions", header: "" },
];

export default async function RepositoriesPage() {
  await requireRole("admin");
  const [mappings, projects, catalog] = await Promise.all([listRepositoryMappings(), listProjectsForRouting(), listCatalog()]);
  const projectOptions = projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }));
  const activityOptions = catalog.activities.map((a) => ({ value: a.slug, label: a.name }));
  const rows: Row[] = mappings.map((m) => ({
    id: m.id,
    values: { pattern: m.pattern, project: m.project.key, createdAt: m.createdAt.toISOString() },
    cells: {
      pattern: <code className="font-mono text-xs">{m.pattern}</code>,
      project: m.project.name,
      createdAt: formatDateTime(m.createdAt, env.COMPANY_TIME_ZONE),
      actions: <RemoveMappingButton id={m.id} pattern={m.pattern} />,
    },
  }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Repositories"
        description={
          <>
            Which project a tool works on: Claude Code&apos;s hook sends its working directory, and telemetry may carry the repository URL. A tool can also name its project itself (
            <code>OTEL_RESOURCE_ATTRIBUTES=guardrail.project=…</code>). Names no mapping matched are listed under <Link href="/admin/unmatched-telemetry" className="text-indigo-700 underline">Unmatched telemetry</Link>.
          </>
        }
      />
      <Card title="Map a repository">
        <AddMappingForm projects={projectOptions} />
      </Card>
      <Card title="Mappings">
        <DataTable columns={columns} rows={rows} caption="Repository mappings" filterLabel="Filter mappings" initialSort={{ key: "project", dir: "asc" }} empty={<EmptyState title="No repositories mapped yet">Add one above: until then hook calls count against no project.</EmptyState>} />
      </Card>
      <Card title="Default activity per project">
        <p className="mb-3 text-sm text-slate-600">What a tool&apos;s usage on the project counts as when the tool does not say (otherwise it counts as &quot;other&quot;, which needs an exception).</p>
        <div className="grid gap-4 md:grid-cols-2">
          {projects.map((p) => (
            <DefaultActivityForm key={p.key} projectKey={p.key} projectName={p.name} current={p.defaultActivity?.slug ?? ""} activities={activityOptions} />
          ))}
        </div>
      </Card>
    </div>
  );
}
