import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/ui/format";
import { ImpactTable } from "@/components/policy/impact-table";
import { RuleTable } from "@/components/policy/rule-table";
import { requireRole } from "@/lib/auth/authorize";
import { loadImpactCases } from "@/lib/policy/load-impact-cases";
import { loadRuleChoices } from "@/lib/policy/load-policy-editor";
import { latestPolicyVersion, loadPolicyRules } from "@/lib/policy/load-policy-rules";
import { computePolicyImpact } from "@/lib/policy/policy-impact";

export default async function PolicyVersionPage({ params, searchParams }: { params: Promise<{ version: string }>; searchParams: Promise<{ saved?: string }> }) {
  await requireRole("admin");
  const { version: raw } = await params;
  const number = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const version = Number.isInteger(number) ? await loadPolicyRules(number) : null;
  if (!version) notFound();
  const saved = (await searchParams).saved === "1";
  const [previous, latest, { names }, impact] = await Promise.all([
    version.version > 1 ? loadPolicyRules(version.version - 1) : Promise.resolve(null),
    latestPolicyVersion(),
    loadRuleChoices(),
    loadImpactCases(),
  ]);
  const rows = previous ? computePolicyImpact(impact.cases, impact.catalog, previous, version) : [];

  return (
    <div className="space-y-5">
      <PageHeader
        title={`Policy version ${version.version}`}
        description={`${formatDateTime(version.createdAt)} by ${version.createdBy ?? "system"}${version.note ? ` — ${version.note}` : ""}. ${version.version === latest ? "This is the active version." : `Read-only: version ${latest} is active.`}`}
        actions={
          <Link href="/admin/policy" className="text-sm text-indigo-700 underline">
            {version.version === latest ? "Edit rules" : "Back to the active rules"}
          </Link>
        }
      />
      {saved && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Saved as policy version {version.version}. Decisions use it from now on.
        </p>
      )}
      <Card title={`Rules (${version.rules.length})`}>
        <RuleTable rules={version.rules} names={names} />
      </Card>
      {previous && (
        <Card title={`Impact compared with version ${previous.version} (open requests and live grants, evaluated now)`}>
          <ImpactTable rows={rows} catalog={impact.catalog} beforeLabel={`Version ${previous.version}`} afterLabel={`Version ${version.version}`} />
        </Card>
      )}
    </div>
  );
}
