import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { ReconciliationView } from "@/components/reconciliation/reconciliation-view";
import { ThresholdForm } from "@/components/reconciliation/threshold-form";
import { hasRole, requireRole } from "@/lib/auth/authorize";
import { loadReconciliationPage } from "@/lib/reconciliation/load-reconciliation-page";
import { parseReconciliationFilters } from "@/lib/validation/reconciliation";
import { saveGapThresholdAction } from "./actions";

export const metadata: Metadata = { title: "Reconciliation with vendor reports · Guardrail" };

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Company-wide: a vendor account (workspace, API key) is not one org's, so managers do not get this page.
  const person = await requireRole("legal", "admin");
  const filters = parseReconciliationFilters(await searchParams, new Date().toISOString().slice(0, 10));
  const page = await loadReconciliationPage(filters);
  const problems = [...filters.problems, ...(page.vendorKnown ? [] : ["That vendor has no imported report; showing all vendors."])];
  return (
    <>
      <PageHeader
        title="Reconciliation with vendor reports"
        description="What the vendors report against what Guardrail saw: a gap is usage that bypassed Guardrail."
        actions={hasRole(person, "admin") ? <Link href="/admin/vendor-reports" className={buttonClass("secondary", "sm")}>Vendor reports</Link> : undefined}
      />
      <form method="get" action="/reports/reconciliation" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Reconciliation filters">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-700">Vendor</span>
          <select name="vendor" defaultValue={page.vendorKnown ? (filters.vendor ?? "") : ""} className={inputClass}>
            <option value="">All vendors</option>
            {page.vendors.map((v) => (
              <option key={v.slug} value={v.slug}>{v.name}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-700">From (UTC day)</span>
          <input type="date" name="from" defaultValue={filters.from} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-700">To (UTC day)</span>
          <input type="date" name="to" defaultValue={filters.to} className={inputClass} />
        </label>
        <button type="submit" className={buttonClass("secondary", "md")}>Show</button>
      </form>
      {problems.length > 0 && (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{problems.join(" ")}</div>
      )}
      <ReconciliationView page={page} />
      {hasRole(person, "admin") && (
        <Card title="Threshold for review items" className="mt-4">
          <p className="mb-2 text-xs text-slate-600">
            A subject-day whose gap is above both figures opens a &ldquo;Usage not seen by Guardrail&rdquo; review item for legal, after every import and once a day.
          </p>
          <ThresholdForm tokens={page.threshold.tokens} percent={page.threshold.percent} action={saveGapThresholdAction} />
        </Card>
      )}
    </>
  );
}
