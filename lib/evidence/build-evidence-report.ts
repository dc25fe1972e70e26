import "server-only";
import { prisma } from "../db/client";
import { appendAudit, type Actor } from "../audit/append-audit";
import { verifyAuditChain } from "../audit/verify-audit";
import { findEventRows } from "../review/event-rows";
import { describeEvidenceScope, scopeEventsWhere, scopeItemsWhere, type EvidenceScope } from "./evidence-scope";

const MAX_ITEMS = 500;
const MAX_EVENTS = 500;
const MAX_AUDIT = 2000;

/** Writes the export itself into the audit log: who took which evidence, when. */
export async function recordEvidenceExport(scope: EvidenceScope, format: "csv" | "report", actor: Actor) {
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actor, action: "evidence.exported", entityType: "evidence", entityId: scope.kind === "filter" ? null : scope.id, data: { format, scope: describeEvidenceScope(scope) } }),
  );
}

/**
 * Everything the printable report shows: the items in scope, their events (the first ones; the CSV has all),
 * the audit entries for the items, and the audit chain verified at export time (after recording the export).
 */
export async function buildEvidenceReport(scope: EvidenceScope, actor: Actor & { id: string }) {
  await recordEvidenceExport(scope, "report", actor);
  const itemsWhere = scopeItemsWhere(scope, actor.id);
  const [items, itemTotal, events] = await Promise.all([
    prisma.reviewItem.findMany({
      where: itemsWhere,
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
      take: MAX_ITEMS,
      select: {
        id: true,
        type: true,
        status: true,
        severity: true,
        title: true,
        openedAt: true,
        resolvedAt: true,
        note: true,
        eventCount: true,
        user: { select: { name: true, email: true } },
        resolvedBy: { select: { name: true } },
        clauses: { select: { clause: { select: { ref: true, summary: true, termsDocument: { select: { version: true, url: true, vendor: { select: { name: true } } } } } } } },
      },
    }),
    prisma.reviewItem.count({ where: itemsWhere }),
    scopeEventsWhere(scope, actor.id),
  ]);
  const ids = items.map((i) => i.id);
  const [eventRows, eventTotal, audit] = await Promise.all([
    findEventRows({ where: events.where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: MAX_EVENTS }),
    prisma.usageEvent.count({ where: events.where }),
    prisma.auditEntry.findMany({ where: { entityType: "review_item", entityId: { in: ids } }, orderBy: { seq: "asc" }, take: MAX_AUDIT }),
  ]);
  const chain = await verifyAuditChain(prisma);
  return {
    scope: describeEvidenceScope(scope),
    generatedAt: new Date(),
    items: items.map((i) => ({ ...i, clauses: i.clauses.map((c) => c.clause) })),
    itemTotal,
    events: eventRows,
    eventTotal,
    eventsTruncatedByItems: events.truncated,
    audit,
    chain,
    limits: { items: MAX_ITEMS, events: MAX_EVENTS, audit: MAX_AUDIT },
  };
}
