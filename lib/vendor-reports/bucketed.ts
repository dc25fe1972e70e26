// The shape the Anthropic and OpenAI admin reports share: pages of { data: [ { <bucket start>, results: [...] } ],
// has_more, next_page }. As CSV, one line per result with the bucket's start time on the line.
import { FieldReader, isObject, type Json } from "./read-input";
import type { RowError, SourceRow } from "./types";

export type ReportInput = { format: "json"; values: unknown[] } | { format: "csv"; records: { line: number; value: Json }[] };
export type ParserOutput = { rows: SourceRow[]; errors: RowError[]; skipped: number };

/** Reads one result (its bucket's day given); null leaves it out on purpose. */
export type ResultReader = (result: FieldReader, day: string) => SourceRow | null;

export function readBucketedReport(input: ReportInput, bucketStart: { field: string; unix: boolean }, readResult: ResultReader): ParserOutput {
  const errors: RowError[] = [];
  const rows: SourceRow[] = [];
  let skipped = 0;
  const take = (row: SourceRow | null) => (row ? rows.push(row) : skipped++);
  if (input.format === "csv") {
    for (const { line, value } of input.records) {
      const reader = new FieldReader(value, `line ${line}`, errors);
      const day = reader.day(bucketStart.field, bucketStart.unix);
      take(readResult(reader, day));
    }
    return { rows, errors, skipped };
  }
  input.values.forEach((page, p) => {
    const where = input.values.length > 1 ? `page ${p + 1}, ` : "";
    if (!isObject(page) || !Array.isArray(page.data)) {
      errors.push({ row: `page ${p + 1}`, field: "data", message: "Each page must be an object with a data array (the API's response body)." });
      return;
    }
    page.data.forEach((bucket, b) => {
      if (!isObject(bucket)) return void errors.push({ row: `${where}data[${b}]`, field: "(bucket)", message: "must be an object" });
      const bucketReader = new FieldReader(bucket, `${where}data[${b}]`, errors);
      const day = bucketReader.day(bucketStart.field, bucketStart.unix);
      bucketReader.array("results").forEach((result, r) => {
        const row = `${where}data[${b}].results[${r}]`;
        if (!isObject(result)) return void errors.push({ row, field: "(result)", message: "must be an object" });
        take(readResult(new FieldReader(result, row, errors), day));
      });
    });
  });
  return { rows, errors, skipped };
}

/** An account reference "<what>:<id>" from the first of the given fields that is set, or "". */
export function accountRefOf(reader: FieldReader, fields: [field: string, prefix: string][]): string {
  for (const [field, prefix] of fields) {
    const v = reader.text(field);
    if (v) return `${prefix}:${v}`;
  }
  return "";
}
