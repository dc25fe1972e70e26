import "server-only";
import { prisma } from "@/lib/db/client";
import type { ReportKind } from "./types";

export type VendorReportListItem = {
  id: string;
  vendorName: string;
  kind: ReportKind;
  format: string;
  fileName: string | null;
  periodStart: string;
  periodEnd: string;
  rowCount: number;
  importedBy: string;
  importedAt: Date;
};

/** Imported reports, newest first: vendor, kind, period, rows, who and when. */
export async function listVendorReports(limit = 200): Promise<VendorReportListItem[]> {
  const reports = await prisma.vendorReport.findMany({
    orderBy: { importedAt: "desc" },
    take: limit,
    include: { vendor: { select: { name: true } }, importedBy: { select: { name: true, email: true } } },
  });
  const keyIds = [...new Set(reports.map((r) => r.apiKeyId).filter((id): id is string => !!id))];
  const keys = keyIds.length ? await prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [];
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  return reports.map((r) => ({
    id: r.id,
    vendorName: r.vendor.name,
    kind: r.kind as ReportKind,
    format: r.format,
    fileName: r.fileName,
    periodStart: r.periodStart.toISOString().slice(0, 10),
    periodEnd: r.periodEnd.toISOString().slice(0, 10),
    rowCount: r.rowCount,
    importedBy: r.importedBy ? r.importedBy.name : r.apiKeyId ? `API key ${keyName.get(r.apiKeyId) ?? r.apiKeyId}` : "system",
    importedAt: r.importedAt,
  }));
}
