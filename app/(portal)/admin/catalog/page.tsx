import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityRow } from "@/components/catalog/activity-row";
import { NewProjectForm } from "@/components/catalog/new-project-form";
import { ProjectRow } from "@/components/catalog/project-row";
import { ToolRow } from "@/components/catalog/tool-row";
import { NewEntryForm } from "@/components/catalog/new-entry-form";
import { ArchiveButton } from "@/components/catalog/archive-button";
import { DISPOSITION_OPTIONS, STATUS_OPTIONS } from "@/components/catalog/cell-field";
import { Badge } from "@/components/ui/badge";
import { requireRole } from "@/lib/auth/authorize";
import { createActivityAction, createToolAction, createVendorAction } from "./actions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { createProjectAction, updateActivityAction, updateProjectAction, updateToolAction } from "./actions";

export const metadata = { title: "Tools & projects · Guardrail" };

const th = "px-2 py-2 text-left text-xs font-semibold text-slate-700";

export default async function CatalogPage() {
  await requireRole("admin");
  const { vendors, tools, activities, projects } = await listCatalog();
  const vendorOptions = vendors.filter((v) => !v.archived).map((v) => ({ value: v.id, label: v.name }));
  return (
    <div className="space-y-5">
      <PageHeader
        title="Tools & projects"
        description="The catalog the policy reads. A blocked tool is denied everywhere; a restricted one needs an exception for every use. Entries that usage refers to are archived, never deleted: an archived entry leaves every picker, and an archived tool is denied (tool_blocked). Changes apply to decisions within a second and are written to the audit log."
      />
      <Card title="Vendors">
        <div className="space-y-4">
          <NewEntryForm
            action={createVendorAction}
            label="Add a vendor"
            submitLabel="Add vendor"
            fields={[
              { name: "slug", label: "Slug", hint: "e.g. anthropic", required: true },
              { name: "name", label: "Name", required: true },
              { name: "termsUrl", label: "Terms URL", hint: "Optional: the vendor's terms of service" },
            ]}
          />
          {vendors.length ? (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Vendors</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className={`${th} px-3`}>Vendor</th>
                    <th scope="col" className={th}>Terms</th>
                    <th scope="col" className={th}>Tools</th>
                    <th scope="col" className={th}><span className="sr-only">Archive</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {vendors.map((v) => (
                    <tr key={v.id}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                        {v.name} <span className="text-xs font-normal text-slate-500">{v.slug}</span> {v.archived && <Badge>archived</Badge>}
                      </th>
                      <td className="px-2 py-2 text-xs text-slate-600">{v.termsUrl || "—"}</td>
                      <td className="px-2 py-2 tabular-nums">{v.tools}</td>
                      <td className="px-2 py-2">
                        <ArchiveButton kind="vendor" id={v.id} name={v.name} archived={v.archived} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No vendors yet">Add the first vendor above, then its tools.</EmptyState>
          )}
        </div>
      </Card>
      <Card title="Tools">
        {vendorOptions.length ? (
          <div className="mb-4">
            <NewEntryForm
              action={createToolAction}
              label="Add a tool"
              submitLabel="Add tool"
              fields={[
                { name: "slug", label: "Slug", hint: "What gateways send", required: true },
                { name: "name", label: "Name", required: true },
                { name: "vendorId", label: "Vendor", options: vendorOptions },
                { name: "kind", label: "Kind", options: [{ value: "external", label: "External" }, { value: "internal", label: "Internal (in-house)" }] },
                { name: "status", label: "Status", options: STATUS_OPTIONS },
                { name: "inputUsdPerMTok", label: "Input USD / M tokens", initial: "0", inputMode: "decimal", required: true },
                { name: "outputUsdPerMTok", label: "Output USD / M tokens", initial: "0", inputMode: "decimal", required: true },
              ]}
            />
          </div>
        ) : null}
        {tools.length ? (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Tools, their status and prices</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={`${th} px-3`}>Tool</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={th}>Input USD / M tokens</th>
                  <th scope="col" className={th}>Output USD / M tokens</th>
                  <th scope="col" className={th}><span className="sr-only">Save</span></th>
                  <th scope="col" className={th}><span className="sr-only">Archive</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tools.map((t) => (
                  <ToolRow key={t.id} tool={t} save={updateToolAction} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No tools yet">{vendorOptions.length ? "Add the first tool above." : "Add a vendor first, then its tools."}</EmptyState>
        )}
      </Card>
      <Card title="Activities">
        <div className="mb-4">
          <NewEntryForm
            action={createActivityAction}
            label="Add an activity"
            submitLabel="Add activity"
            fields={[
              { name: "slug", label: "Slug", hint: "What gateways declare", required: true },
              { name: "name", label: "Name", required: true },
              { name: "description", label: "Description", required: true },
              { name: "disposition", label: "Default disposition", options: DISPOSITION_OPTIONS, initial: "exception_required" },
            ]}
          />
        </div>
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Activity categories and their default disposition</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={`${th} px-3`}>Slug</th>
                <th scope="col" className={th}>Name</th>
                <th scope="col" className={th}>Description</th>
                <th scope="col" className={th}>Default disposition</th>
                <th scope="col" className={th}><span className="sr-only">Save</span></th>
                <th scope="col" className={th}><span className="sr-only">Archive</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {activities.map((a) => (
                <ActivityRow key={a.id} activity={a} save={updateActivityAction} />
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Projects">
        <div className="space-y-4">
          <NewProjectForm create={createProjectAction} />
          {projects.length ? (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Projects and their sensitivity</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className={`${th} px-3`}>Key</th>
                    <th scope="col" className={th}>Name</th>
                    <th scope="col" className={th}>Sensitivity</th>
                    <th scope="col" className={th}>Description</th>
                    <th scope="col" className={th}><span className="sr-only">Save</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {projects.map((p) => (
                    <ProjectRow key={p.id} project={p} save={updateProjectAction} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No projects yet">Add the first one above.</EmptyState>
          )}
        </div>
      </Card>
    </div>
  );
}
