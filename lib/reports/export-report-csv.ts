import "server-only";
import { env } from "@/lib/env";
import { localDay } from "@/lib/calendar";
import { AppError, forbiddenError } from "@/lib/errors";
import { hasRole, type Person } from "@/lib/auth/authorize";
import { parseReportFilters } from "@/lib/validation/report";
import { dailyRowsCsv } from "./export-daily-rows";
import { LEGAL_TABLE_IDS, legalReportTables, loadLegalReport, type LegalTableId } from "./load-legal-report";
import { loadMyUsage, myUsageTables, USAGE_TABLE_IDS, type UsageTableId } from "./load-my-usage";
import { loadOrgReport } from "./load-org-report";
import { ORG_TABLE_IDS, orgReportTables, type OrgTableId } from "./org-report-tables";
import { resolveReportScope } from "./report-scope";
import { csvResponse, tableCsv } from "./report-table";

const unknownTable = () => new AppError("not_found", "There is no such report table.", 404);
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/**
 * A report table as a CSV download, with the same filters, scope check and numbers as the page.
 * "org/daily-rows" streams the raw daily rollup rows of the scope instead of a summary table.
 */
export async function exportReportCsv(person: Person, report: string, table: string, params: URLSearchParams, now = new Date()): Promise<Response> {
  const filters = parseReportFilters(params, localDay(now, env.COMPANY_TIME_ZONE));
  // Named after the team the scope really covers: a team outside the person's reach is ignored, so not named.
  const stem = (team: { slug: string } | null) => `${report}-${table}-${filters.from}-to-${filters.to}${team ? `-${team.slug}` : ""}.csv`;
  if (report === "org") {
    if (!hasRole(person, "manager", "legal", "admin")) throw forbiddenError();
    if (table === "daily-rows") {
      const { scope, team } = await resolveReportScope(person, filters.team);
      return csvResponse(stem(team), dailyRowsCsv({ from: filters.from, to: filters.to, scope }));
    }
    if (!isOneOf<OrgTableId>(ORG_TABLE_IDS, table)) throw unknownTable();
    const org = await loadOrgReport(person, filters, now);
    return csvResponse(stem(org.scope.team), tableCsv(orgReportTables(org)[table]));
  }
  if (report === "legal") {
    if (!hasRole(person, "legal", "admin")) throw forbiddenError();
    if (!isOneOf<LegalTableId>(LEGAL_TABLE_IDS, table)) throw unknownTable();
    const legal = await loadLegalReport(person, filters, now);
    return csvResponse(stem(legal.scope.team), tableCsv(legalReportTables(legal)[table]));
  }
  if (report === "usage") {
    if (!isOneOf<UsageTableId>(USAGE_TABLE_IDS, table)) throw unknownTable();
    const usage = await loadMyUsage(person, now);
    return csvResponse(`usage-${table}-${usage.period.period}.csv`, tableCsv(myUsageTables(usage)[table]));
  }
  throw unknownTable();
}
