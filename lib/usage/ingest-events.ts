import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { sendCapAlerts } from "@/lib/caps/cap-alerts";
import { counterKey, readCapCounters, settleReservations } from "@/lib/caps/cap-usage";
import { loadPolicyState } from "@/lib/policy/policy-snapshot";
import type { DirectoryPerson } from "@/lib/policy/person-directory";
import type { IngestResult, UsageEventInput } from "@/lib/validation/usage-event";
import { classifyEvents, resolveEvent, unknownUsers, validateLine, type Rejected, type ResolvedEvent } from "./classify-events";
import { recheckContributionsForEvents } from "@/lib/provenance/recheck-contributions";
import { findStoredIds, insertEvents, upsertViolationItems } from "./store-events";
import { publishCriticalViolations } from "./publish-critical-violations";
import { violationGroups } from "./violation-groups";

export type IngestContext = { apiKeyId?: string | null; actor?: Actor };

/**
 * Stores a batch of usage events: valid lines are kept even when others are bad, an id stored before is a
 * duplicate that changes nothing, and every stored event is evaluated by the policy engine, counted in the
 * daily rollups and the cap period, and (when in violation) attached to its review item. One transaction,
 * one audit entry.
 */
export async function ingestUsageEvents(events: unknown[], ctx: IngestContext = {}): Promise<IngestResult> {
  const rejected: Rejected[] = [];
  const valid: { index: number; event: UsageEventInput }[] = [];
  events.forEach((raw, index) => {
    const v = validateLine(raw, index);
    if (v.ok) valid.push({ index, event: v.event });
    else rejected.push(v.rejected);
  });

  let state = await loadPolicyState();
  // Someone added a moment ago: look once more with a fresh probe before rejecting them.
  if (unknownUsers(valid.map((v) => v.event), state.directory)) state = await loadPolicyState({ fresh: true });
  const { snapshot, directory } = state;

  let duplicates = 0;
  const seen = new Set<string>();
  const resolved: ResolvedEvent[] = [];
  for (const { index, event } of valid) {
    const r = resolveEvent(event, index, snapshot, directory, env.COMPANY_TIME_ZONE);
    if (!r.ok) rejected.push(r.rejected);
    else if (seen.has(event.id)) duplicates++;
    else {
      seen.add(event.id);
      resolved.push(r.event);
    }
  }
  rejected.sort((a, b) => a.index - b.index);

  const outcomes = { allowed: 0, allowed_by_grant: 0, over_cap: 0, violation: 0 };
  if (!resolved.length) return { accepted: 0, duplicates, rejected, outcomes };

  // Known duplicates are left out of the evaluation; the unique index still has the last word below.
  const keys = new Map<string, { userId: string; period: string }>();
  for (const e of resolved) keys.set(counterKey(e.person.id, e.period), { userId: e.person.id, period: e.period });
  const [stored, usedBefore] = await Promise.all([findStoredIds(prisma, resolved.map((e) => e.input.id)), readCapCounters([...keys.values()])]);
  const fresh = resolved.filter((e) => !stored.has(e.input.id));
  duplicates += resolved.length - fresh.length;
  if (!fresh.length) return { accepted: 0, duplicates, rejected, outcomes };

  const classified = classifyEvents(fresh, snapshot, directory, usedBefore);
  const groups = violationGroups(classified, snapshot);
  const people = new Map<string, DirectoryPerson>(fresh.map((e) => [e.person.id, e.person]));

  const result = await prisma.$transaction(
    async (tx) => {
      const { ids: reviewItemIds, newCritical } = await upsertViolationItems(tx, groups);
      const batch = await insertEvents(tx, classified, { policyVersion: snapshot.policyVersion, apiKeyId: ctx.apiKeyId ?? null, reviewItemIds });
      for (const [k, n] of Object.entries(batch.outcomes)) if (k in outcomes) outcomes[k as keyof typeof outcomes] = n ?? 0;
      if (batch.inserted > 0) {
        await settleReservations(tx, batch.usage);
        await sendCapAlerts(tx, batch, people, new Map([...snapshot.toolsById.values()].map((t) => [t.id, t.name])));
        // Late external-tool usage on a training-data project can contaminate a contribution registered as clean.
        const onTrainingData = classified.filter(
          (e) => e.tool.kind === "external" && e.projectId && snapshot.projectsById.get(e.projectId)?.sensitivity === "training_data",
        );
        if (onTrainingData.length) {
          await recheckContributionsForEvents(
            tx,
            onTrainingData.map((e) => ({ userId: e.person.id, projectId: e.projectId, occurredAt: e.occurredAt, toolKind: e.tool.kind })),
          );
        }
        if (newCritical.length) await publishCriticalViolations(tx, newCritical, groups);
        await appendAudit(tx, {
          actor: ctx.actor ?? (ctx.apiKeyId ? { type: "api_key", id: ctx.apiKeyId } : { type: "system", id: null }),
          action: "usage.ingested",
          entityType: "usage_batch",
          entityId: randomUUID(),
          data: { accepted: batch.inserted, duplicates: duplicates + classified.length - batch.inserted, rejected: rejected.length, outcomes, reviewItems: groups.length },
        });
      }
      return batch;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Lines a concurrent batch stored first are duplicates too.
  duplicates += classified.length - result.inserted;
  return { accepted: result.inserted, duplicates, rejected, outcomes };
}
