import { getCurrentPerson } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { exportReportCsv } from "@/lib/reports/export-report-csv";

export const dynamic = "force-dynamic";

// CSV downloads for the portal's reports, authorised by the portal session (not an API key).
export async function GET(request: Request, ctx: { params: Promise<{ report: string; table: string }> }) {
  const person = await getCurrentPerson();
  if (!person) return Response.json({ error: { code: "unauthorized", message: "Sign in to download reports." } }, { status: 401 });
  const { report, table } = await ctx.params;
  try {
    return await exportReportCsv(person, report, table, new URL(request.url).searchParams);
  } catch (e) {
    if (e instanceof AppError) return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status });
    const id = crypto.randomUUID();
    console.error(`report export failed [${id}]`, e);
    return Response.json({ error: { code: "internal", message: `The export failed (error id ${id}).` } }, { status: 500 });
  }
}
