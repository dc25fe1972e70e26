import "server-only";
import { csvDocument, type CsvValue } from "@/lib/csv/csv-writer";

/** The read endpoints' CSV: the named columns of each row, through the one CSV writer. */
export function toCsv<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[]): string {
  const cell = (v: unknown): CsvValue => (v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : (v as CsvValue));
  return csvDocument(columns, rows.map((r) => columns.map((c) => cell(r[c]))));
}

export function wantsCsv(req: Request, format?: string): boolean {
  if (format) return format === "csv";
  return /text\/csv/i.test(req.headers.get("accept") ?? "");
}
