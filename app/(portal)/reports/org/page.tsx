import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { OrgReportView } from "@/components/reports/org-report-view";
import { ReportFiltersForm } from "@/components/reports/report-filters";
import { ReportPrintStyles } from "@/components/reports/print-styles";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";
import { loadOrgReport } from "@/lib/reports/load-org-report";
import { parseReportFilters } from "@/lib/validation/report";

export const metadata: Metadata = { title: "Org usage report · Guardrail" };

export default async function OrgReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("manager", "legal", "admin");
  const filters = parseReportFilters(await searchParams, localDay(new Date(), env.COMPANY_TIME_ZONE));
  const report = await loadOrgReport(person, filters);
  const problems = [...filters.problems, ...report.scope.problems];
  return (
    <>
      <ReportPrintStyles />
      <PageHeader title="Org usage report" description="Tokens, spend, caps, exceptions and violations for the people in your scope, from the daily and monthly usage rollups." />
      <ReportFiltersForm action="/reports/org" filters={filters} teams={report.scope.teamOptions} companyLabel={report.scope.canPickCompany ? "Whole company" : "My whole org"} />
      {problems.length > 0 && (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.join(" ")}
        </div>
      )}
      <OrgReportView report={report} />
    </>
  );
}
