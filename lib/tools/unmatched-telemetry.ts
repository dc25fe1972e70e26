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

// An unmapped repository is seen on every hook call made in it, so a name already written by this process in the
// last COALESCE_MS is counted in memory and written once when the window ends: the first sighting shows at once,
// repeats cost no database write per call (a crash loses at most the window's repeat counts). Repeats only add to a
// row that still exists: a name an admin fixed or dismissed meanwhile is not brought back by them.
const COALESCE_MS = 5_000;
type Counted = UnmatchedSighting & { n: number };
const lastWritten = new Map<string, number>();
const pending = new Map<string, Counted>();
let flushTimer: NodeJS.Timeout | null = null;

const keyOf = (s: Pick<UnmatchedSighting, "kind" | "value">) => `${s.kind}\u0000${s.value}`;

/** Counts sightings; never fails the call that saw them (a lost count is better than a lost event). */
export async function recordUnmatched(sightings: UnmatchedSighting[]): Promise<void> {
  if (!sightings.length) return;
  const counts = new Map<string, Counted>();
  for (const s of sightings) {
    const value = s.value.slice(0, 500);
    const key = keyOf({ kind: s.kind, value });
    const hit = counts.get(key);
    if (hit) hit.n++;
    else counts.set(key, { ...s, value, n: 1 });
  }
  const now = Date.now();
  const due: Counted[] = [];
  for (const [key, s] of counts) {
    const last = lastWritten.get(key);
    if (last !== undefined && now - last < COALESCE_MS) {
      const waiting = pending.get(key);
      if (waiting) {
        waiting.n += s.n;
        waiting.source = s.source;
      } else pending.set(key, s);
      flushTimer ??= setTimeout(() => void flushUnmatchedSightings(), COALESCE_MS).unref();
    } else {
      const waiting = pending.get(key);
      pending.delete(key);
      due.push({ ...s, n: s.n + (waiting?.n ?? 0) });
      if (lastWritten.size >= 10_000) lastWritten.clear();
      lastWritten.set(key, now);
    }
  }
  await writeSightings(due);
}

/** Writes the repeat sightings counted in memory (the window's timer does; tests and shutdown may call it). */
export async function flushUnmatchedSightings(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const due = [...pending.values()];
  pending.clear();
  const now = Date.now();
  for (const s of due) lastWritten.set(keyOf(s), now);
  try {
    for (const s of due) {
      await prisma.unmatchedTelemetry.updateMany({
        where: { kind: s.kind, value: s.value },
        data: { count: { increment: s.n }, lastSeenAt: new Date(now), source: s.source },
      });
    }
  } catch (error) {
    logger.error({ err: error }, "recording unmatched telemetry failed");
  }
}

async function writeSightings(sightings: Counted[]): Promise<void> {
  if (!sightings.length) return;
  const now = new Date();
  try {
    for (const s of sightings) {
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
