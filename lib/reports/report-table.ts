import "server-only";
import { csvStream, inBatches } from "@/lib/csv/csv-writer";

// A report table: the one shape the page's tables and the CSV downloads both render, so the numbers match.

export type Cell = string | number | null;
export type ReportColumn = { key: string; header: string; numeric?: boolean };
export type ReportTable = { id: string; title: string; columns: ReportColumn[]; rows: Record<string, Cell>[] };

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
export const usd = (n: number) => round(n, 2);
export const pct = (share: number | null) => (share === null ? null : round(share * 100, 1));
export const whole = (n: number) => Math.round(n);

/** A table as CSV (header, then one batch of rows) through the one CSV writer. */
export function tableCsv(table: ReportTable): ReadableStream<Uint8Array> {
  const rows = table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null));
  return csvStream(
    table.columns.map((c) => c.header),
    inBatches(rows),
  );
}
