// Reading a report file: JSON as the vendor API returns it (one page, a JSON array of pages, or pages back to back
// or one per line, as a paging script writes them) and CSV (one record per line, nested fields as dotted headers).
import { parse } from "csv-parse/sync";
import { parseDecimal } from "./money";
import type { RowError } from "./types";

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The file's first meaningful character says JSON or CSV. */
export function looksLikeJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  return first === "{" || first === "[";
}

/**
 * The top-level JSON values of the text, in order: one value, or several back to back (with or without newlines
 * between them). A JSON array of objects is returned as its elements (an array of pages, or of billing rows).
 */
export function readJsonValues(text: string): { values: unknown[] } | { error: RowError } {
  const source = text.replace(/^\uFEFF/, "");
  const values: unknown[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === "\n") line++;
    if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === ",") {
      i++;
      continue;
    }
    if (c !== "{" && c !== "[") return { error: { row: `line ${line}`, field: "(file)", message: `Expected a JSON object or array, found "${source.slice(i, i + 20)}".` } };
    // Scan to the end of this value: depth counting outside strings.
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const ch = source[i];
      if (ch === "\n") line++;
      if (inString) {
        if (ch === "\\") i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        depth--;
        if (depth === 0) break;
      }
    }
    const chunk = source.slice(start, i + 1);
    i++;
    try {
      values.push(JSON.parse(chunk));
    } catch (e) {
      return { error: { row: `line ${startLine}`, field: "(file)", message: `Not valid JSON: ${(e as Error).message}` } };
    }
  }
  if (values.length === 1 && Array.isArray(values[0])) return { values: values[0] };
  return { values };
}

/** CSV records as nested objects ("amount.value" → { amount: { value } }), each with its line number. */
export function readCsvRecords(text: string): { records: { line: number; value: Json }[]; headers: string[] } | { error: RowError } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    return { error: { row: `line ${(error as { lines?: number }).lines ?? 1}`, field: "(file)", message: `Not a readable CSV file: ${(error as Error).message}` } };
  }
  if (!rows.length) return { error: { row: "line 1", field: "(file)", message: "The file is empty." } };
  const headers = rows[0].record.map((h) => h.trim());
  const records = rows.slice(1).map(({ record, info }) => {
    const value: Json = {};
    headers.forEach((h, col) => {
      const cell = record[col];
      if (cell === undefined || cell === "") return;
      const path = h.split(".");
      let at = value;
      for (const key of path.slice(0, -1)) at = (isObject(at[key]) ? at[key] : (at[key] = {})) as Json;
      at[path[path.length - 1]] = cell;
    });
    return { line: info.lines, value };
  });
  return { records, headers };
}

/**
 * Reads fields off one record and collects what is wrong with them, named by record and field path. Numbers may be
 * JSON numbers or numeric strings (CSV cells), so JSON and CSV go through the same checks.
 */
export class FieldReader {
  constructor(
    private readonly value: Json,
    readonly row: string,
    private readonly errors: RowError[],
  ) {}

  private get(path: string): unknown {
    let at: unknown = this.value;
    for (const key of path.split(".")) at = isObject(at) ? at[key] : undefined;
    return at;
  }

  fail(field: string, message: string) {
    this.errors.push({ row: this.row, field, message });
  }

  /** A string, "" when absent or null. */
  text(path: string): string {
    const v = this.get(path);
    if (v === undefined || v === null) return "";
    if (typeof v === "string") return v.trim();
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    this.fail(path, "must be a string");
    return "";
  }

  /** A non-negative whole number; absent counts as 0 unless required. */
  count(path: string, required = false): bigint {
    const v = this.get(path);
    if (v === undefined || v === null || v === "") {
      if (required) this.fail(path, "is missing");
      return 0n;
    }
    const s = typeof v === "number" ? (Number.isSafeInteger(v) ? String(v) : "x") : typeof v === "string" ? v.trim() : "x";
    if (!/^\d+$/.test(s)) {
      this.fail(path, `must be a non-negative whole number, not ${JSON.stringify(v)}`);
      return 0n;
    }
    return BigInt(s);
  }

  /** A decimal amount as a scaled BigInt (money.ts); null when absent and not required. */
  decimal(path: string, required = true): bigint | null {
    const v = this.get(path);
    if (v === undefined || v === null || v === "") {
      if (required) this.fail(path, "is missing");
      return null;
    }
    const d = typeof v === "number" || typeof v === "string" ? parseDecimal(v) : null;
    if (d === null) this.fail(path, `must be a decimal number, not ${JSON.stringify(v)}`);
    return d;
  }

  /** A time as the UTC day it falls on: an RFC 3339 string, or Unix seconds when `unix` is set. */
  day(path: string, unix = false): string {
    const v = this.get(path);
    if (v === undefined || v === null || v === "") {
      this.fail(path, "is missing");
      return "";
    }
    let date: Date | null = null;
    if (unix) {
      const s = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
      if (Number.isSafeInteger(s)) date = new Date(s * 1000);
    } else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2}| UTC)?$/.test(v.trim())) {
      const t = Date.parse(v.trim().replace(" UTC", "Z").replace(" ", "T"));
      if (!Number.isNaN(t)) date = new Date(t);
    }
    if (!date || Number.isNaN(date.getTime())) {
      this.fail(path, unix ? `must be a Unix time in seconds, not ${JSON.stringify(v)}` : `must be a date or RFC 3339 time, not ${JSON.stringify(v)}`);
      return "";
    }
    return date.toISOString().slice(0, 10);
  }

  /** A currency code that must be USD (any case); anything else is refused: Guardrail keeps no exchange rates. */
  usd(path: string, required = false) {
    const c = this.text(path);
    if (!c) {
      if (required) this.fail(path, "is missing");
      return;
    }
    if (c.toUpperCase() !== "USD") this.fail(path, `is ${c}: only USD amounts can be imported (Guardrail keeps no exchange rates); export the report in USD`);
  }

  array(path: string): unknown[] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, "must be an array");
      return [];
    }
    return v;
  }

  object(path: string): Json | null {
    const v = this.get(path);
    if (v === undefined || v === null) return null;
    if (!isObject(v)) {
      this.fail(path, "must be an object");
      return null;
    }
    return v;
  }
}
