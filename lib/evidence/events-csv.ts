import "server-only";
import { csvStream, type CsvRow } from "../csv/csv-writer";
import type { Prisma } from "../generated/prisma/client";
import { EVENT_CSV_COLUMNS } from "../review/item-evidence";
import { findEventRows, type EventRow } from "../review/event-rows";

/** One event as a CSV row, in EVENT_CSV_COLUMNS order. */
export function eventCsvRow(e: EventRow): CsvRow {
  const values: Record<(typeof EVENT_CSV_COLUMNS)[number], CsvRow[number]> = {
    externalId: e.externalId,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    user: e.user.email,
    tool: e.tool.slug,
    project: e.project?.key,
    activity: e.activity.slug,
    inputTokens: e.inputTokens,
    outputTokens: e.outputTokens,
    costUsd: e.costUsd.toString(),
    outcome: e.outcome,
    reasonCodes: e.reasonCodes,
    policyVersion: e.policyVersion,
    ruleId: e.ruleId,
    grantId: e.grantId,
    sessionId: e.sessionId,
    source: e.source,
  };
  return EVENT_CSV_COLUMNS.map((c) => values[c]);
}

const PAGE = 2000;

/** The matching events oldest first, a page at a time (keyset paging: memory stays flat). */
async function* eventPages(where: Prisma.UsageEventWhereInput): AsyncGenerator<CsvRow[]> {
  let cursor: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const after: Prisma.UsageEventWhereInput = cursor
      ? { OR: [{ occurredAt: { gt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { gt: cursor.id } }] }
      : {};
    const rows = await findEventRows({ where: { AND: [where, after] }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: PAGE });
    if (rows.length) yield rows.map(eventCsvRow);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    cursor = { occurredAt: last.occurredAt, id: last.id };
  }
}

/** Streams the matching events as CSV, oldest first, through the one CSV writer. */
export function eventsCsvStream(where: Prisma.UsageEventWhereInput): ReadableStream<Uint8Array> {
  return csvStream(EVENT_CSV_COLUMNS, eventPages(where));
}
