import { withSession } from "@/lib/api/with-session";
import { exportReportCsv } from "@/lib/reports/export-report-csv";

export const dynamic = "force-dynamic";

// CSV downloads for the portal's reports, authorised by the portal session (not an API key); the report decides who may read which table.
export const GET = withSession<{ params: Promise<{ report: string; table: string }> }>({}, async (request, { person }, ctx) => {
  const { report, table } = await ctx.params;
  return exportReportCsv(person, report, table, request.nextUrl.searchParams);
});
