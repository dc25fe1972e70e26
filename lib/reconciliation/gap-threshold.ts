import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import type { GapThreshold } from "./reconcile";

// The threshold above which a gap is "usage not seen by Guardrail": kept in OpsSetting so an admin can change it
// without a deploy. Both parts must be passed (a small absolute gap on a huge day is noise, and so is a large
// percentage of a handful of tokens).
export const GAP_THRESHOLD_KEYS = { tokens: "reconciliation.gapThresholdTokens", percent: "reconciliation.gapThresholdPercent" } as const;
export const DEFAULT_GAP_THRESHOLD: GapThreshold = { tokens: 10_000, percent: 5 };

export async function readGapThreshold(): Promise<GapThreshold> {
  const rows = await prisma.opsSetting.findMany({ where: { key: { in: Object.values(GAP_THRESHOLD_KEYS) } } });
  const value = (key: string, fallback: number) => {
    const n = Number(rows.find((r) => r.key === key)?.value);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return { tokens: value(GAP_THRESHOLD_KEYS.tokens, DEFAULT_GAP_THRESHOLD.tokens), percent: value(GAP_THRESHOLD_KEYS.percent, DEFAULT_GAP_THRESHOLD.percent) };
}

/** Sets the threshold (already validated at the boundary), with its audit entry in the same transaction. */
export async function setGapThreshold(threshold: GapThreshold, actor: Actor): Promise<GapThreshold> {
  await prisma.$transaction(async (tx) => {
    for (const [part, key] of Object.entries(GAP_THRESHOLD_KEYS) as [keyof GapThreshold, string][]) {
      const value = String(threshold[part]);
      await tx.opsSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await appendAudit(tx, { actor, action: "reconciliation.threshold_set", entityType: "ops_settings", entityId: "reconciliation.gapThreshold", data: threshold });
  });
  return threshold;
}
