import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { EVENT_CSV_COLUMNS, eventRowSelect } from "../review/item-evidence";

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type EventRow = Prisma.UsageEventGetPayload<{ select: typeof eventRowSelect }>;

export function eventCsvLine(e: EventRow): string {
  const values: Record<(typeof EVENT_CSV_COLUMNS)[number], unknown> = {
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
  return EVENT_CSV_COLUMNS.map((c) => csvCell(values[c])).join(",") + "\r\n";
}

const PAGE = 2000;

/** Streams the matching events as CSV, oldest first, a page at a time (keyset paging: memory stays flat). */
export function eventsCsvStream(where: Prisma.UsageEventWhereInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: { occurredAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(EVENT_CSV_COLUMNS.join(",") + "\r\n"));
        return;
      }
      const after: Prisma.UsageEventWhereInput = cursor
        ? { OR: [{ occurredAt: { gt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { gt: cursor.id } }] }
        : {};
      const rows = await prisma.usageEvent.findMany({ where: { AND: [where, after] }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: PAGE, select: eventRowSelect });
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map(eventCsvLine).join("")));
        const last = rows[rows.length - 1];
        cursor = { occurredAt: last.occurredAt, id: last.id };
      }
      if (rows.length < PAGE) controller.close();
    },
  });
}
