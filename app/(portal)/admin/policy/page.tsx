import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { RuleEditor } from "@/components/policy/rule-editor";
import { requireRole } from "@/lib/auth/authorize";
import { loadPolicyEditor } from "@/lib/policy/load-policy-editor";
import { savePolicyAction } from "./actions";

export const metadata = { title: "Policy rules · Guardrail" };

export default async function PolicyPage() {
  await requireRole("admin");
  const data = await loadPolicyEditor();
  return (
    <div className="space-y-5">
      <PageHeader
        title={data.baseVersion ? `Policy rules — version ${data.baseVersion}` : "Policy rules — no version yet"}
        description="Edit the ordered rule set. Saving creates a new policy version with a copy of every rule; earlier versions stay readable and every decision records the version that made it."
      />
      <div className="grid gap-5 xl:grid-cols-[1fr_18rem]">
        <Card title="Rules">
          <RuleEditor
            save={savePolicyAction}
            baseVersion={data.baseVersion}
            rules={data.current?.rules ?? []}
            options={data.options}
            impactCases={data.impact.cases}
            impactCatalog={data.impact.catalog}
          />
        </Card>
        <Card title="Versions">
          {data.versions.length ? (
            <ol className="space-y-2 text-sm">
              {data.versions.map((v) => (
                <li key={v.version}>
                  <Link href={`/admin/policy/versions/${v.version}`} className="font-medium text-indigo-700 underline">
                    Version {v.version}
                  </Link>
                  {v.version === data.baseVersion && <span className="ml-1 text-xs text-emerald-700">active</span>}
                  <p className="text-xs text-slate-500">
                    {formatDateTime(v.createdAt)} · {v.createdBy ?? "system"} · {v.ruleCount} rules
                  </p>
                  {v.note && <p className="text-xs text-slate-600">{v.note}</p>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600">No version saved yet: the first save creates version 1.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
