import type { FastifyReply } from "fastify";

// CSV for the read endpoints: RFC 4180 quoting, and a leading quote on cells that a spreadsheet would
// run as a formula.
function cell(value: unknown): string {
  let s = value == null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
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
