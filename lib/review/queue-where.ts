// Pure: turns the queue's URL filter into a Prisma where clause and an ordering.
import type { Prisma } from "../generated/prisma/client";
import type { QueueFilter } from "../validation/review";

export function reviewQueueWhere(filter: QueueFilter, viewerId: string): Prisma.ReviewItemWhereInput {
  const and: Prisma.ReviewItemWhereInput[] = [];
  if (filter.status !== "all") and.push({ status: filter.status });
  if (filter.type) and.push({ type: filter.type });
  if (filter.vendor) {
    // Contributions and re-reviews may span tools: their clauses name the vendor too.
    and.push({
      OR: [
        { tool: { vendor: { slug: filter.vendor } } },
        { clauses: { some: { clause: { termsDocument: { vendor: { slug: filter.vendor } } } } } },
      ],
    });
  }
  if (filter.clause) and.push({ clauses: { some: { clauseId: filter.clause } } });
  if (filter.team) and.push({ user: { team: { OR: [{ slug: filter.team }, { parent: { slug: filter.team } }] } } });
  if (filter.assignee === "me") and.push({ assigneeId: viewerId });
  else if (filter.assignee === "none") and.push({ assigneeId: null });
  else if (filter.assignee) and.push({ assigneeId: filter.assignee });
  return and.length === 0 ? {} : { AND: and };
}

export function reviewQueueOrder(filter: QueueFilter): Prisma.ReviewItemOrderByWithRelationInput[] {
  // Severity is a PostgreSQL enum: it sorts in declaration order (low < medium < high < critical).
  return filter.sort === "severity"
    ? [{ severity: "desc" }, { openedAt: "asc" }, { id: "asc" }]
    : [{ openedAt: "asc" }, { id: "asc" }];
}
