import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { prisma } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";
import { openUnseenUsageReviewItems } from "@/lib/reconciliation/open-unseen-usage-review-items";
import { formatUsd } from "./money";
import { parseVendorReport, type ParseOptions } from "./parse-vendor-report";
import type { ParsedReport, ReportFormat, ReportKind, RowError } from "./types";

export type ImportVendorReportInput = {
  /** the file's content as uploaded (its SHA-256 identifies it) */
  text: string;
  fileName?: string | null;
  /** an explicit kind (otherwise found from the content), and the vendor slug the caller expects */
  kind?: ReportKind;
  vendor?: string;
};

export type ImportedVendorReport = {
  status: "imported" | "already_imported";
  reportId: string;
  vendorId: string;
  vendorSlug: string;
  kind: ReportKind;
  format: ReportFormat;
  /** YYYY-MM-DD, both inclusive */
  periodStart: string;
  periodEnd: string;
  rowCount: number;
  /** buckets new to Guardrail, and buckets an earlier (overlapping) report had stored and this one replaced */
  created: number;
  updated: number;
  /** rows whose person (actorEmail) matched someone in the directory */
  matchedPeople: number;
  /** "Usage not seen by Guardrail" review items the reconciliation of the report's days opened or brought up to date */
  reviewItemsOpened?: number;
  reviewItemsUpdated?: number;
};

export type ImportVendorReportOutcome = ImportedVendorReport | { status: "invalid"; kind: ReportKind | null; errors: RowError[] };

/** Who imported: a person in the portal, an API key on the machine interface, or the system (the demo seed). */
export type VendorReportImporter = Actor;

const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function sha256Of(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

async function alreadyImported(db: Tx | typeof prisma, sha256: string): Promise<ImportedVendorReport | null> {
  const r = await db.vendorReport.findUnique({ where: { sha256 }, include: { vendor: { select: { slug: true } } } });
  if (!r) return null;
  return {
    status: "already_imported",
    reportId: r.id,
    vendorId: r.vendorId,
    vendorSlug: r.vendor.slug,
    kind: r.kind as ReportKind,
    format: r.format as ReportFormat,
    periodStart: isoDay(r.periodStart),
    periodEnd: isoDay(r.periodEnd),
    rowCount: r.rowCount,
    created: 0,
    updated: 0,
    matchedPeople: 0,
  };
}

/** People named in the report, by lower-cased email (case-insensitive match against the directory). */
async function peopleByEmail(tx: Tx, report: ParsedReport): Promise<Map<string, string>> {
  const emails = [...new Set(report.rows.map((r) => r.actorEmail).filter((e): e is string => !!e))];
  const found = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 1000) {
    const users = await tx.user.findMany({ where: { OR: emails.slice(i, i + 1000).map((email) => ({ email: { equals: email, mode: "insensitive" as const } })) }, select: { id: true, email: true } });
    for (const u of users) found.set(u.email.toLowerCase(), u.id);
  }
  return found;
}

/**
 * Imports a vendor usage or cost report. Everything is checked first: a file with any bad row is refused with the
 * row and field of each problem and nothing is stored. Otherwise one transaction stores the report, upserts its
 * buckets by (vendor, kind, rowKey) — so a report overlapping an earlier one replaces those buckets rather than
 * adding to them — matches each row's person by email, and writes the audit entry. The same file (by SHA-256)
 * imported again changes nothing and answers "already_imported".
 */
export async function importVendorReport(importer: VendorReportImporter, input: ImportVendorReportInput): Promise<ImportVendorReportOutcome> {
  const outcome = await storeVendorReport(importer, input);
  if (outcome.status !== "imported") return outcome;
  // Reconcile the days the report covers right away (gaps above the threshold open review items for legal). The
  // import is committed already: if this fails, the scheduler's daily run reconciles those days again.
  try {
    const { opened, updated } = await openUnseenUsageReviewItems({ from: outcome.periodStart, to: outcome.periodEnd, vendorId: outcome.vendorId }, importer);
    return { ...outcome, reviewItemsOpened: opened.length, reviewItemsUpdated: updated.length };
  } catch (err) {
    logger.error({ err, reportId: outcome.reportId }, "reconciliation after a vendor report import failed; the daily run will retry");
    return outcome;
  }
}

async function storeVendorReport(importer: VendorReportImporter, input: ImportVendorReportInput): Promise<ImportVendorReportOutcome> {
  const sha256 = sha256Of(input.text);
  const earlier = await alreadyImported(prisma, sha256);
  if (earlier) return earlier;
  const options: ParseOptions = { kind: input.kind, vendor: input.vendor };
  const parsed = parseVendorReport(input.text, options);
  if (!parsed.ok) return { status: "invalid", kind: parsed.kind, errors: parsed.errors };
  const report = parsed.report;
  const vendor = await prisma.vendor.findUnique({ where: { slug: report.vendorSlug }, select: { id: true, slug: true } });
  if (!vendor) throw new AppError("unknown_vendor", `The vendor "${report.vendorSlug}" is not in the catalog: add it on the Tools & projects page first.`, 400, [{ path: "vendor", message: "not in the catalog" }]);

  try {
    return await prisma.$transaction(
      async (tx) => {
        // A concurrent import of the same file may have won the race since the check above.
        const raced = await alreadyImported(tx, sha256);
        if (raced) return raced;
        const people = await peopleByEmail(tx, report);
        const reportId = randomUUID();
        await tx.vendorReport.create({
          data: {
            id: reportId,
            vendorId: vendor.id,
            kind: report.kind,
            format: report.format,
            fileName: input.fileName?.slice(0, 255) || null,
            sha256,
            rowCount: report.rows.length,
            periodStart: day(report.periodStart),
            periodEnd: day(report.periodEnd),
            importedById: importer.type === "user" ? importer.id : null,
            apiKeyId: importer.type === "api_key" ? importer.id : null,
          },
        });
        const existing = new Set<string>();
        for (let i = 0; i < report.rows.length; i += 1000) {
          const keys = report.rows.slice(i, i + 1000).map((r) => r.rowKey);
          const found = await tx.vendorUsageRow.findMany({ where: { vendorId: vendor.id, kind: report.kind, rowKey: { in: keys } }, select: { rowKey: true } });
          for (const f of found) existing.add(f.rowKey);
        }
        const values = (r: ParsedReport["rows"][number]) => ({
          reportId,
          day: day(r.day),
          accountRef: r.accountRef,
          actorEmail: r.actorEmail,
          userId: r.actorEmail ? (people.get(r.actorEmail) ?? null) : null,
          model: r.model,
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          cacheReadTokens: r.cacheReadTokens,
          cacheWriteTokens: r.cacheWriteTokens,
          requests: r.requests,
          costUsd: r.costUsd === null ? null : formatUsd(r.costUsd),
          costBilled: r.costBilled,
        });
        const fresh = report.rows.filter((r) => !existing.has(r.rowKey));
        for (let i = 0; i < fresh.length; i += 1000) {
          await tx.vendorUsageRow.createMany({ data: fresh.slice(i, i + 1000).map((r) => ({ vendorId: vendor.id, kind: report.kind, rowKey: r.rowKey, ...values(r) })) });
        }
        // A bucket an earlier report stored takes this report's figures (reviewItemId, set by reconciliation, stays).
        for (const r of report.rows.filter((x) => existing.has(x.rowKey))) {
          await tx.vendorUsageRow.update({ where: { vendorId_kind_rowKey: { vendorId: vendor.id, kind: report.kind, rowKey: r.rowKey } }, data: values(r) });
        }
        const matchedPeople = report.rows.filter((r) => r.actorEmail && people.has(r.actorEmail)).length;
        const result: ImportedVendorReport = {
          status: "imported",
          reportId,
          vendorId: vendor.id,
          vendorSlug: vendor.slug,
          kind: report.kind,
          format: report.format,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          rowCount: report.rows.length,
          created: fresh.length,
          updated: report.rows.length - fresh.length,
          matchedPeople,
        };
        await appendAudit(tx, {
          actor: importer,
          action: "vendor_report.imported",
          entityType: "vendor_report",
          entityId: reportId,
          data: { vendor: vendor.slug, kind: report.kind, format: report.format, file: input.fileName ?? null, sha256, periodStart: report.periodStart, periodEnd: report.periodEnd, rows: result.rowCount, created: result.created, updated: result.updated, skipped: report.skipped },
        });
        return result;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (e) {
    // Two imports of one file at once: the unique sha256 lets one in; the other answers as a repeat.
    if ((e as { code?: string })?.code === "P2002") {
      const winner = await alreadyImported(prisma, sha256);
      if (winner) return winner;
    }
    throw e;
  }
}
