import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityRow } from "@/components/catalog/activity-row";
import { NewProjectForm } from "@/components/catalog/new-project-form";
import { ProjectRow } from "@/components/catalog/project-row";
import { ToolRow } from "@/components/catalog/tool-row";
import { requireRole } from "@/lib/auth/authorize";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { createProjectAction, updateActivityAction, updateProjectAction, updateToolAction } from "./actions";

export const metadata = { title: "Tools & projects · Guardrail" };

const th = "px-2 py-2 text-left text-xs font-semibold text-slate-700";

export default async function CatalogPage() {
  await requireRole("admin");
  const { tools, activities, projects } = await listCatalog();
  return (
    <div className="space-y-5">
      <PageHeader
        title="Tools & projects"
        description="The catalog the policy reads. A blocked tool is denied everywhere; a restricted one needs an exception for every use. Changes apply to decisions within a second and are written to the audit log."
      />
      <Card title="Tools">
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
          <EmptyState title="No tools yet">Tools come from the seed or the vendor import.</EmptyState>
        )}
      </Card>
      <Card title="Activities">
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
