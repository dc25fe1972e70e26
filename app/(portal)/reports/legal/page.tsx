import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { LegalReportView } from "@/components/reports/legal-report-view";
import { ReportFiltersForm } from "@/components/reports/report-filters";
import { ReportPrintStyles } from "@/components/reports/print-styles";
import { requireRole } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";
import { loadLegalReport } from "@/lib/reports/load-legal-report";
import { parseReportFilters } from "@/lib/validation/report";

export const metadata: Metadata = { title: "Legal report · Guardrail" };

export default async function LegalReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requireRole("legal", "admin");
  const filters = parseReportFilters(await searchParams, localDay(new Date(), env.COMPANY_TIME_ZONE));
  const report = await loadLegalReport(person, filters);
  const problems = [...filters.problems, ...report.scope.problems];
  return (
    <>
      <ReportPrintStyles />
      <PageHeader title="Legal report" description="Queue ageing, violations by vendor and clause, exposure per vendor and contaminated training-data contributions." />
      <ReportFiltersForm action="/reports/legal" filters={filters} teams={report.scope.teamOptions} companyLabel="Whole company" />
      {problems.length > 0 && (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.join(" ")}
        </div>
      )}
      <LegalReportView report={report} />
    </>
  );
}
