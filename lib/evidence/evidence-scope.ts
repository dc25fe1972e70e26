import "server-only";
import { z } from "zod";
import { prisma } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { externalToolsFor, itemEventsWhere, itemEvidenceInclude } from "../review/item-evidence";
import { reviewQueueWhere } from "../review/queue-where";
import { parseQueueFilter, queueFilterQuery, type QueueFilter } from "../validation/review";

/** What an export covers: one item, everything citing a clause, or a queue filter (as in the queue's URL). */
export type EvidenceScope = { kind: "item"; id: string } | { kind: "clause"; id: string } | { kind: "filter"; filter: QueueFilter };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const id = z.uuid();

export function parseEvidenceScope(params: Params): EvidenceScope {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const item = id.safeParse(get("item"));
  if (item.success) return { kind: "item", id: item.data };
  const clause = id.safeParse(get("clause"));
  if (clause.success) return { kind: "clause", id: clause.data };
  return { kind: "filter", filter: parseQueueFilter(params) };
}

/** The query string that names a scope, for links between the queue, the CSV and the report. */
export function evidenceScopeQuery(scope: EvidenceScope): string {
  if (scope.kind === "item") return `?item=${scope.id}`;
  if (scope.kind === "clause") return `?clause=${scope.id}`;
  return queueFilterQuery(scope.filter, { page: 1 });
}

export function describeEvidenceScope(scope: EvidenceScope): string {
  if (scope.kind === "item") return `review item ${scope.id}`;
  if (scope.kind === "clause") return `items citing clause ${scope.id}`;
  const f = scope.filter;
  const parts = [`status ${f.status}`, f.type && `type ${f.type}`, f.vendor && `vendor ${f.vendor}`, f.clause && `clause ${f.clause}`, f.team && `team ${f.team}`, f.assignee && `assignee ${f.assignee}`];
  return `queue filter: ${parts.filter(Boolean).join(", ")}`;
}

export function scopeItemsWhere(scope: EvidenceScope, viewerId: string): Prisma.ReviewItemWhereInput {
  if (scope.kind === "item") return { id: scope.id };
  if (scope.kind === "clause") return { clauses: { some: { clauseId: scope.id } } };
  return reviewQueueWhere(scope.filter, viewerId);
}

/** Items other than violations find their events by person, tool and window; past this many, exports say so. */
export const MAX_WINDOWED_ITEMS = 500;

/**
 * The events of every item in scope. Violations carry their events directly (one join); the few other items
 * add their own conditions.
 */
export async function scopeEventsWhere(scope: EvidenceScope, viewerId: string): Promise<{ where: Prisma.UsageEventWhereInput; truncated: boolean }> {
  const items = scopeItemsWhere(scope, viewerId);
  const others = await prisma.reviewItem.findMany({
    where: { AND: [items, { type: { not: "violation" } }] },
    include: itemEvidenceInclude,
    orderBy: { openedAt: "asc" },
    take: MAX_WINDOWED_ITEMS + 1,
  });
  const truncated = others.length > MAX_WINDOWED_ITEMS;
  const windowed = others.slice(0, MAX_WINDOWED_ITEMS);
  const externalTools = await externalToolsFor(windowed);
  return {
    where: { OR: [{ reviewItem: { AND: [items, { type: "violation" }] } }, ...windowed.map((item) => itemEventsWhere(item, externalTools))] },
    truncated,
  };
}
