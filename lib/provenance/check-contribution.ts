import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { appendAudit, type Actor } from "../audit/append-audit";
import type { Tx } from "../db/tx";
import { prisma } from "../db/client";

type ContributionWindow = { authorId: string; projectId: string; windowStart: Date; windowEnd: Date };

const TRAINING_ACTIVITY = "training-data-generation";

/** The ids of the external tools: the tools whose usage counts against a contribution (contributionEvidenceWhere). */
export async function externalToolIds(db: Pick<typeof prisma, "tool"> = prisma): Promise<string[]> {
  return (await db.tool.findMany({ where: { kind: "external" }, select: { id: true } })).map((t) => t.id);
}

/** The events that are evidence against a contribution: the author's usage of external tools (`externalTools`: externalToolIds()) on the project, [start, end). */
export function contributionEvidenceWhere(c: ContributionWindow, externalTools: string[]): Prisma.UsageEventWhereInput {
  return {
    userId: c.authorId,
    projectId: c.projectId,
    occurredAt: { gte: c.windowStart, lt: c.windowEnd },
    toolId: { in: externalTools },
  };
}

/** The clauses the tainting tools' vendors have against training-data generation (their latest terms). */
async function trainingClauseIds(tx: Tx, where: Prisma.UsageEventWhereInput): Promise<string[]> {
  const tools = await tx.usageEvent.groupBy({ by: ["toolId"], where });
  if (tools.length === 0) return [];
  const vendors = await tx.tool.findMany({ where: { id: { in: tools.map((t) => t.toolId) } }, select: { vendorId: true } });
  const docs = await tx.termsDocument.findMany({
    where: { vendorId: { in: [...new Set(vendors.map((v) => v.vendorId))] } },
    orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
    select: { id: true, vendorId: true },
  });
  const latest = new Map<string, string>();
  for (const d of docs) if (!latest.has(d.vendorId)) latest.set(d.vendorId, d.id);
  const clauses = await tx.clause.findMany({
    where: { termsDocumentId: { in: [...latest.values()] }, restrictedActivities: { has: TRAINING_ACTIVITY } },
    select: { id: true },
  });
  return clauses.map((c) => c.id);
}

/**
 * Counts the evidence, stores clean or contaminated, and keeps the contribution's review item current:
 * opened on first contamination, reopened when new evidence arrives after it was resolved.
 */
export async function checkContribution(tx: Tx, contributionId: string, actor: Actor) {
  const c = await tx.contribution.findUniqueOrThrow({ where: { id: contributionId }, include: { project: { select: { key: true } } } });
  const where = contributionEvidenceWhere(c, await externalToolIds(tx));
  const agg = await tx.usageEvent.aggregate({
    where,
    _count: { _all: true },
    _sum: { inputTokens: true, outputTokens: true },
    _min: { occurredAt: true },
    _max: { occurredAt: true },
  });
  const count = agg._count._all;
  const status = count > 0 ? "contaminated" : "clean";
  const changed = status !== c.status || count !== c.evidenceEventCount;
  await tx.contribution.update({ where: { id: c.id }, data: { status, evidenceEventCount: count, checkedAt: new Date() } });
  if (changed) {
    await appendAudit(tx, {
      actor,
      action: "contribution.checked",
      entityType: "contribution",
      entityId: c.id,
      data: { status, evidenceEventCount: count, previousStatus: c.status },
    });
  }
  if (status === "clean") return { status, count, reviewItemId: null };

  const summary = {
    eventCount: count,
    tokens: BigInt((agg._sum.inputTokens ?? 0) + (agg._sum.outputTokens ?? 0)),
    firstEventAt: agg._min.occurredAt,
    lastEventAt: agg._max.occurredAt,
  };
  const groupKey = `contribution:${c.id}`;
  const existing = await tx.reviewItem.findUnique({ where: { groupKey }, select: { id: true, status: true, eventCount: true } });
  if (!existing) {
    const clauseIds = await trainingClauseIds(tx, where);
    const item = await tx.reviewItem.create({
      data: {
        type: "contaminated_contribution",
        severity: "critical",
        groupKey,
        title: `Contaminated contribution ${c.artifactRef} on ${c.project.key}`,
        userId: c.authorId,
        projectId: c.projectId,
        contributionId: c.id,
        ...summary,
        clauses: { create: clauseIds.map((clauseId) => ({ clauseId })) },
      },
    });
    await appendAudit(tx, { actor, action: "review.opened", entityType: "review_item", entityId: item.id, data: { type: item.type, contributionId: c.id, eventCount: count } });
    return { status, count, reviewItemId: item.id };
  }
  if (existing.eventCount === count) return { status, count, reviewItemId: existing.id };
  const reopen = existing.status !== "open";
  await tx.reviewItem.update({
    where: { id: existing.id },
    data: { ...summary, version: { increment: 1 }, ...(reopen ? { status: "open", resolvedAt: null, resolvedById: null } : {}) },
  });
  await appendAudit(tx, {
    actor,
    action: reopen ? "review.reopened" : "review.evidence_added",
    entityType: "review_item",
    entityId: existing.id,
    data: { eventCount: count, previousEventCount: existing.eventCount },
  });
  return { status, count, reviewItemId: existing.id };
}
