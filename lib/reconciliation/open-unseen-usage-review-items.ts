import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/append-audit";
import { readGapThreshold } from "./gap-threshold";
import { loadReconciliation, type LabelledLine, type ReconciliationWindow } from "./load-reconciliation";

export type UnseenUsageOutcome = { opened: string[]; updated: string[]; unchanged: number };

const formatTokens = (n: number) => Math.round(n).toLocaleString("en-US");

/** "unseen_usage:<vendor slug>:<subject>:<day>": one item per vendor, subject and UTC day, however often it is re-run. */
export function unseenUsageGroupKey(vendorSlug: string, subjectKey: string, day: string): string {
  return `unseen_usage:${vendorSlug}:${subjectKey}:${day}`;
}

function titleOf(line: LabelledLine): string {
  return `Usage not seen by Guardrail: ${line.vendor} reports ${formatTokens(line.gapTokens)} more tokens than Guardrail saw for ${line.subjectLabel} on ${line.day}`;
}

/**
 * Opens a review item for legal for every unexplained gap in the window (vendor tokens above Guardrail's by more
 * than the threshold), or brings an existing one up to date: the vendor rows of the gap are linked to it as its
 * evidence, its tokens are the gap. Each item is written in its own transaction with its audit entry. An item
 * legal already decided keeps its decision; rows that arrive later are linked to it and audited. Re-running with
 * the same data changes nothing. Runs after every import and daily from the scheduler.
 */
export async function openUnseenUsageReviewItems(window: ReconciliationWindow, actor: Actor = SYSTEM_ACTOR): Promise<UnseenUsageOutcome> {
  const threshold = await readGapThreshold();
  const lines = (await loadReconciliation(window, threshold)).filter((l) => l.unexplained);
  const slugs = new Map((await prisma.vendor.findMany({ select: { id: true, slug: true } })).map((v) => [v.id, v.slug]));
  const outcome: UnseenUsageOutcome = { opened: [], updated: [], unchanged: 0 };
  for (const line of lines) {
    const groupKey = unseenUsageGroupKey(slugs.get(line.vendorId) ?? line.vendorId, line.subjectKey, line.day);
    const result = await saveItem(line, groupKey, actor).catch(async (err: unknown) => {
      // Two runs at once (an import and the scheduler): the loser of the insert finds the winner's item.
      if ((err as { code?: string }).code === "P2002") return saveItem(line, groupKey, actor);
      throw err;
    });
    if (result.kind === "opened") outcome.opened.push(result.id);
    else if (result.kind === "updated") outcome.updated.push(result.id);
    else outcome.unchanged++;
  }
  return outcome;
}

async function saveItem(line: LabelledLine, groupKey: string, actor: Actor): Promise<{ kind: "opened" | "updated" | "unchanged"; id: string }> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.reviewItem.findUnique({ where: { groupKey }, select: { id: true, status: true, tokens: true, title: true } });
    const evidence = { vendorRowIds: line.vendorRowIds, vendorTokens: line.vendorTokens, guardrailTokens: line.guardrailTokens, gapTokens: line.gapTokens, vendorCostUsd: line.vendorCostUsd, guardrailCostUsd: line.guardrailCostUsd };
    if (!existing) {
      const item = await tx.reviewItem.create({
        data: {
          type: "unseen_usage",
          severity: "medium",
          groupKey,
          title: titleOf(line),
          userId: line.subject.kind === "person" ? line.subject.userId : null,
          day: new Date(`${line.day}T00:00:00Z`),
          tokens: BigInt(Math.round(line.gapTokens)),
        },
      });
      await tx.vendorUsageRow.updateMany({ where: { id: { in: line.vendorRowIds } }, data: { reviewItemId: item.id } });
      await appendAudit(tx, { actor, action: "review.opened", entityType: "review_item", entityId: item.id, data: { type: "unseen_usage", groupKey, ...evidence } });
      return { kind: "opened", id: item.id };
    }
    const linked = await tx.vendorUsageRow.updateMany({ where: { id: { in: line.vendorRowIds }, NOT: { reviewItemId: existing.id } }, data: { reviewItemId: existing.id } });
    const nullLinked = await tx.vendorUsageRow.updateMany({ where: { id: { in: line.vendorRowIds }, reviewItemId: null }, data: { reviewItemId: existing.id } });
    const open = existing.status === "open" || existing.status === "escalated";
    const tokens = BigInt(Math.round(line.gapTokens));
    const changedNumbers = open && (existing.tokens !== tokens || existing.title !== titleOf(line));
    if (!changedNumbers && linked.count + nullLinked.count === 0) return { kind: "unchanged", id: existing.id };
    if (changedNumbers) await tx.reviewItem.update({ where: { id: existing.id }, data: { tokens, title: titleOf(line), version: { increment: 1 } } });
    await appendAudit(tx, { actor, action: "review.evidence_updated", entityType: "review_item", entityId: existing.id, data: { type: "unseen_usage", groupKey, newlyLinkedRows: linked.count + nullLinked.count, ...evidence } });
    return { kind: "updated", id: existing.id };
  });
}
