import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { notFound } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";

// What tool telemetry and hook calls named that Guardrail does not know: counted per (kind, value) with first
// and last sight, so an admin can fix the directory, the catalog or a repository mapping.

export const UNMATCHED_KINDS = ["user", "tool", "project", "repository"] as const;
export type UnmatchedKind = (typeof UNMATCHED_KINDS)[number];
export type UnmatchedSighting = { kind: UnmatchedKind; value: string; source: "otlp" | "hook" };

/** Counts sightings; never fails the call that saw them (a lost count is better than a lost event). */
export async function recordUnmatched(sightings: UnmatchedSighting[]): Promise<void> {
  if (!sightings.length) return;
  const counts = new Map<string, UnmatchedSighting & { n: number }>();
  for (const s of sightings) {
    const value = s.value.slice(0, 500);
    const key = `${s.kind}\u0000${value}`;
    const hit = counts.get(key);
    if (hit) hit.n++;
    else counts.set(key, { ...s, value, n: 1 });
  }
  const now = new Date();
  try {
    for (const s of counts.values()) {
      await prisma.unmatchedTelemetry.upsert({
        where: { kind_value: { kind: s.kind, value: s.value } },
        create: { kind: s.kind, value: s.value, source: s.source, count: s.n, firstSeenAt: now, lastSeenAt: now },
        update: { count: { increment: s.n }, lastSeenAt: now, source: s.source },
      });
    }
  } catch (error) {
    logger.error({ err: error }, "recording unmatched telemetry failed");
  }
}

export async function listUnmatchedTelemetry() {
  return prisma.unmatchedTelemetry.findMany({ orderBy: [{ lastSeenAt: "desc" }], take: 500 });
}

/** Removes a row once its cause is fixed (it comes back if the name is seen again). */
export async function dismissUnmatchedTelemetry(actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const row = await tx.unmatchedTelemetry.findUnique({ where: { id } });
    if (!row) throw notFound("Unmatched name");
    await tx.unmatchedTelemetry.delete({ where: { id } });
    await appendAudit(tx, { actor, action: "unmatched_telemetry.dismissed", entityType: "unmatched_telemetry", entityId: id, data: { kind: row.kind, value: row.value, count: row.count } });
    return row;
  });
}
