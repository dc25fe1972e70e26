import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { CanIUse } from "@/components/policy/can-i-use";
import { PolicyMatrix } from "@/components/policy/policy-matrix";
import { requirePerson } from "@/lib/auth/authorize";
import { loadAllowedView } from "@/lib/policy/load-allowed-view";
import { canIUseSchema } from "@/lib/validation/policy";
import { firstParams } from "@/lib/validation/search-params";

export const metadata = { title: "What's allowed · Guardrail" };

export default async function AllowedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requirePerson();
  const query = canIUseSchema.parse(firstParams(await searchParams));
  const view = await loadAllowedView(person.id, query.project, query);

  return (
    <div className="space-y-5">
      <PageHeader
        title="What's allowed"
        description={`Which AI tools you may use for what, under policy version ${view.policyVersion}. Open a cell for the reason and the vendor clause behind it. Your own approved exceptions are included.`}
      />
      <Card title="Can I use…?">
        <CanIUse view={view} query={query} />
      </Card>
      <Card
        title={view.project ? `Tools × activities on ${view.project.name} (${view.project.sensitivity.replace("_", "-")})` : "Tools × activities, no particular project"}
        actions={
          <form method="get" action="/allowed" className="flex items-center gap-2" aria-label="Filter the matrix">
            {query.tool && <input type="hidden" name="tool" value={query.tool} />}
            {query.activity && <input type="hidden" name="activity" value={query.activity} />}
            <label htmlFor="matrix-project" className="text-xs font-medium text-slate-700">
              Project
            </label>
            <select id="matrix-project" name="project" defaultValue={view.project?.key ?? ""} className={`${inputClass} w-56 py-1`}>
              <option value="">No particular project</option>
              {view.projects.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.sensitivity.replace("_", "-")})
                </option>
              ))}
            </select>
            <button type="submit" className={buttonClass("secondary", "sm")}>
              Show
            </button>
          </form>
        }
      >
        {view.tools.length && view.activities.length ? (
          <PolicyMatrix view={view} />
        ) : (
          <EmptyState title="No tools or activities in the catalog yet">An admin adds them under Tools &amp; projects.</EmptyState>
        )}
      </Card>
    </div>
  );
}
