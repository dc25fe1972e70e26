// Reads the people CSV (email, name, team, manager email, roles; optional employee id) into rows. Pure: no database.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { importRowSchema, type ImportRow } from "@/lib/validation/people";

export type RowIssue = { row: number; field: string; message: string };
export type CsvRow = ImportRow & { row: number };
export type ParsedCsv = { rows: CsvRow[]; issues: RowIssue[]; columns: (keyof ImportRow)[] };

// Header cells are matched loosely: "Manager email", "manager_email" and "managerEmail" all name the same column.
const HEADERS: Record<string, keyof ImportRow> = {
  email: "email",
  name: "name",
  fullname: "name",
  employeeid: "employeeId",
  team: "team",
  manageremail: "managerEmail",
  manager: "managerEmail",
  roles: "roles",
  role: "roles",
};
export const COLUMN_LABEL: Record<keyof ImportRow, string> = {
  email: "email",
  name: "name",
  employeeId: "employee id",
  team: "team",
  managerEmail: "manager email",
  roles: "roles",
};

/** Rows are numbered as a spreadsheet shows them: the header is row 1. */
export function parsePeopleCsv(text: string): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended in the file (csv-parse types only the plain form).
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], columns: [], issues: [{ row: line ?? 1, field: "(file)", message: `Not a readable CSV file: ${(error as Error).message}` }] };
  }
  if (!records.length) return { rows: [], columns: [], issues: [{ row: 1, field: "(file)", message: "The file is empty: the first row names the columns (email, name, team, manager email, roles)." }] };

  const header = records[0].record.map((h) => HEADERS[h.toLowerCase().replace(/[^a-z]/g, "")]);
  const issues: RowIssue[] = [];
  records[0].record.forEach((h, i) => {
    if (!header[i]) issues.push({ row: 1, field: h || `column ${i + 1}`, message: `Unknown column "${h}": use email, name, team, manager email, roles (and optionally employee id).` });
  });
  const columns = header.filter((c): c is keyof ImportRow => !!c);
  for (const required of ["email", "name"] as const) {
    if (!columns.includes(required)) issues.push({ row: 1, field: required, message: `The header has no "${required}" column.` });
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) issues.push({ row: 1, field: COLUMN_LABEL[duplicate], message: `The "${COLUMN_LABEL[duplicate]}" column appears twice.` });
  if (issues.length) return { rows: [], columns, issues };

  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    if (record.length !== header.length) {
      issues.push({ row, field: "(row)", message: `Expected ${header.length} cells, found ${record.length}.` });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((column, i) => (cells[column!] = record[i]));
    const parsed = importRowSchema.safeParse(cells);
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      for (const [field, messages] of Object.entries(fields)) issues.push({ row, field: COLUMN_LABEL[field as keyof ImportRow] ?? field, message: messages[0] });
      continue;
    }
    rows.push({ ...parsed.data, row });
  }
  return { rows, columns, issues };
}
