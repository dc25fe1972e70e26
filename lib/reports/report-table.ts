// A report table: the one shape the page's tables and the CSV downloads both render, so the numbers match.

export type Cell = string | number | null;
export type ReportColumn = { key: string; header: string; numeric?: boolean };
export type ReportTable = { id: string; title: string; columns: ReportColumn[]; rows: Record<string, Cell>[] };

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
export const usd = (n: number) => round(n, 2);
export const pct = (share: number | null) => (share === null ? null : round(share * 100, 1));
export const whole = (n: number) => Math.round(n);

/** One CSV line (RFC 4180), with text that a spreadsheet would run as a formula neutralised. */
export function csvLine(values: Cell[]): string {
  return (
    values
      .map((v) => {
        if (v === null) return "";
        if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
        const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
        return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      })
      .join(",") + "\r\n"
  );
}

/** A table as CSV lines, header first. */
export function* tableCsv(table: ReportTable): Generator<string> {
  yield csvLine(table.columns.map((c) => c.header));
  for (const row of table.rows) yield csvLine(table.columns.map((c) => row[c.key] ?? null));
}

/** A streamed CSV download: the lines are pulled one batch at a time, never joined in memory. */
export function csvResponse(filename: string, lines: Iterable<string> | AsyncIterable<string>): Response {
  const encoder = new TextEncoder();
  const iterator = Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : (lines as Iterable<string>)[Symbol.iterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64_000) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
