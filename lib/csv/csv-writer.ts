import "server-only";
import { stringify, type Options } from "csv-stringify/sync";

// The one CSV writer behind every export (API read endpoints, grants log, evidence events, report tables):
// RFC 4180 quoting and CRLF line ends from csv-stringify, and the same formula-injection rule everywhere
// (OWASP "CSV Injection"): a text cell starting with = + - @, a tab or a carriage return (or their full-width
// forms) gets a leading ' so a spreadsheet shows it instead of running it. Numbers are written as numbers,
// so a negative amount stays a number.

export type CsvValue = string | number | bigint | boolean | Date | readonly string[] | null | undefined;
export type CsvRow = readonly CsvValue[];

const OPTIONS: Options = {
  escape_formulas: true,
  record_delimiter: "windows",
  cast: {
    date: (d) => d.toISOString(),
    number: (n) => (Number.isFinite(n) ? String(n) : ""),
    bigint: (n) => String(n),
    boolean: (b) => (b ? "true" : "false"),
    // Arrays (reason codes) are joined with spaces; nothing else reaches here.
    object: (o) => (Array.isArray(o) ? o.join(" ") : JSON.stringify(o)),
  },
};

/** Rows as CSV records (each ending in CRLF); empty input gives "". */
export function csvRecords(rows: readonly CsvRow[]): string {
  return rows.length ? stringify(rows as CsvValue[][], OPTIONS) : "";
}

/** A whole CSV document: the header, then the rows. */
export function csvDocument(header: readonly string[], rows: readonly CsvRow[]): string {
  return csvRecords([header]) + csvRecords(rows);
}

type Batches = Iterable<readonly CsvRow[]> | AsyncIterable<readonly CsvRow[]>;

/**
 * A CSV byte stream pulled one batch at a time (paged queries yield their pages), so a large export never
 * sits in memory whole. Stopping the download stops the paging.
 */
export function csvStream(header: readonly string[], batches: Batches): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRecords([header])));
        return;
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) return controller.close();
        if (next.value.length) return controller.enqueue(encoder.encode(csvRecords(next.value)));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Splits rows into batches for csvStream, e.g. the rows of an in-memory report table. */
export function* inBatches<T>(rows: Iterable<T>, size = 1000): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A CSV download response: attachment, never cached, never transformed. */
export function csvDownload(filename: string, body: string | ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store, no-transform",
    },
  });
}
