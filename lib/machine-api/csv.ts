import type { FastifyReply } from "fastify";
import { csvDocument, type CsvValue } from "@/lib/csv/csv-writer";

/** The read endpoints' CSV: the named columns of each row, through the one CSV writer. */
export function toCsv<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[]): string {
  const cell = (v: unknown): CsvValue => (v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : (v as CsvValue));
  return csvDocument(columns, rows.map((r) => columns.map((c) => cell(r[c]))));
}

/** The read routes' CSV variant: `?format=csv` (or json) decides, else `Accept: text/csv`. */
export function wantsCsv(accept: string | undefined, format?: string): boolean {
  if (format) return format === "csv";
  return /text\/csv/i.test(accept ?? "");
}

export function sendCsv<T extends Record<string, unknown>>(reply: FastifyReply, rows: T[], columns: (keyof T & string)[], filename: string) {
  return reply
    .type("text/csv; charset=utf-8")
    .header("Content-Disposition", `attachment; filename="${filename}"`)
    .send(toCsv(rows, columns));
}
