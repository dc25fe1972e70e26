import "server-only";
import { SYSTEM_ACTOR } from "../audit/append-audit";
import type { Tx } from "../db/tx";
import { taintingEvents } from "./authoring-window";
import { checkContribution } from "./check-contribution";

export type IngestedEvent = { userId: string; projectId: string | null; occurredAt: Date; toolKind: string };

const CHUNK = 200;

/**
 * Ingestion calls this in its transaction, after storing a batch: contributions whose window a newly stored
 * external-tool event falls into are checked again (a clean contribution can turn contaminated late).
 */
export async function recheckContributionsForEvents(tx: Tx, events: IngestedEvent[]): Promise<string[]> {
  const relevant = events.filter((e) => e.toolKind === "external" && e.projectId);
  if (relevant.length === 0) return [];
  const groups = new Map<string, { userId: string; projectId: string; min: Date; max: Date }>();
  for (const e of relevant) {
    const key = `${e.userId}|${e.projectId}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { userId: e.userId, projectId: e.projectId!, min: e.occurredAt, max: e.occurredAt });
    else {
      if (e.occurredAt < g.min) g.min = e.occurredAt;
      if (e.occurredAt > g.max) g.max = e.occurredAt;
    }
  }
  const all = [...groups.values()];
  const rechecked: string[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const candidates = await tx.contribution.findMany({
      where: {
        OR: all.slice(i, i + CHUNK).map((g) => ({
          authorId: g.userId,
          projectId: g.projectId,
          windowStart: { lte: g.max },
          windowEnd: { gt: g.min },
        })),
      },
      select: { id: true, authorId: true, projectId: true, windowStart: true, windowEnd: true },
    });
    for (const c of candidates) {
      if (taintingEvents(c, relevant).length === 0) continue;
      await checkContribution(tx, c.id, SYSTEM_ACTOR);
      rechecked.push(c.id);
    }
  }
  return rechecked;
}
