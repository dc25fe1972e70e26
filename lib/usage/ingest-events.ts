import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { appendAuditEntries, type Actor, type AuditInput } from "@/lib/audit/append-audit";
import { sendCapAlerts } from "@/lib/caps/cap-alerts";
import { counterKey, readCapCounters, settleReservations } from "@/lib/caps/cap-usage";
import { forgetCapCounters } from "@/lib/caps/cap-counter-cache";
import { loadPolicyStateFor } from "@/lib/policy/policy-snapshot";
import type { DirectoryPerson } from "@/lib/policy/person-directory";
import type { IngestResult, UsageEventInput } from "@/lib/validation/usage-event";
import { eventClassifier, resolveEvent, validateLine, type ClassifiedEvent, type Rejected, type ResolvedEvent } from "./classify-events";
import { recheckContributionsForEvents } from "@/lib/provenance/recheck-contributions";
import { findStoredIds, insertEvents, upsertViolationItems, violationGroupKey } from "./store-events";
import { publishCriticalViolations } from "./publish-critical-violations";
import { violationGroups } from "./violation-groups";

export type IngestContext = { apiKeyId?: string | null; actor?: Actor };

/** A request's lines after validation (no database needed): what `storeValidatedRequests` takes. */
export type ValidatedRequest = { valid: { index: number; event: UsageEventInput }[]; rejected: Rejected[]; ctx: IngestContext };

/**
 * Stores a batch of usage events: valid lines are kept even when others are bad, an id stored before is a
 * duplicate that changes nothing, and every stored event is evaluated by the policy engine, counted in the
 * daily rollups and the cap period, and (when in violation) attached to its review item. One transaction,
 * one audit entry.
 */
export async function ingestUsageEvents(events: unknown[], ctx: IngestContext = {}): Promise<IngestResult> {
  const [result] = await storeValidatedRequests([validateRequest(events, ctx)]);
  return result;
}

/** Validates every line of a request: the part of ingestion that needs no database. */
export function validateRequest(events: unknown[], ctx: IngestContext = {}): ValidatedRequest {
  const rejected: Rejected[] = [];
  const valid: { index: number; event: UsageEventInput }[] = [];
  events.forEach((raw, index) => {
    const v = validateLine(raw, index);
    if (v.ok) valid.push({ index, event: v.event });
    else rejected.push(v.rejected);
  });
  return { valid, rejected, ctx };
}

type Outcomes = IngestResult["outcomes"];
const noOutcomes = (): Outcomes => ({ allowed: 0, allowed_by_grant: 0, over_cap: 0, violation: 0 });

/** One request's share of a group: its lines, what became of them, and its own counts. */
function* eventUsers(requests: ValidatedRequest[]) {
  for (const r of requests) for (const v of r.valid) yield v.event.user;
}

type Part = { req: ValidatedRequest; rejected: Rejected[]; duplicates: number; resolved: ResolvedEvent[]; classified: ClassifiedEvent[] };

/**
 * Stores several requests in ONE transaction, with the same per-request answers as storing them one after the other
 * in this order: an id sent by two of them is stored for the first and is a duplicate for the later one, and caps
 * count each request's events after the earlier requests' ones. Each request that stored something gets its own
 * audit entry in that transaction. One request is the plain `ingestUsageEvents`.
 */
export async function storeValidatedRequests(requests: ValidatedRequest[]): Promise<IngestResult[]> {
  // A person added a moment ago is found (see loadPolicyStateFor) before their events are rejected.
  const { snapshot, directory } = await loadPolicyStateFor(eventUsers(requests));

  const seen = new Set<string>();
  const parts: Part[] = requests.map((req) => {
    const part: Part = { req, rejected: [...req.rejected], duplicates: 0, resolved: [], classified: [] };
    for (const { index, event } of req.valid) {
      const r = resolveEvent(event, index, snapshot, directory, env.COMPANY_TIME_ZONE);
      if (!r.ok) part.rejected.push(r.rejected);
      else if (seen.has(event.id)) part.duplicates++;
      else {
        seen.add(event.id);
        part.resolved.push(r.event);
      }
    }
    part.rejected.sort((a, b) => a.index - b.index);
    return part;
  });
  const all = parts.flatMap((p) => p.resolved);
  const results = (): IngestResult[] =>
    parts.map((p) => ({ accepted: 0, duplicates: p.duplicates + p.resolved.length - p.classified.length, rejected: p.rejected, outcomes: noOutcomes() }));
  if (!all.length) return results();

  // Known duplicates are left out of the evaluation; the unique index still has the last word below.
  const keys = new Map<string, { userId: string; period: string }>();
  for (const e of all) keys.set(counterKey(e.person.id, e.period), { userId: e.person.id, period: e.period });
  const [stored, usedBefore] = await Promise.all([findStoredIds(all.map((e) => e.input.id)), readCapCounters([...keys.values()])]);
  // Each request is evaluated against the counters as the requests before it leave them.
  const classify = eventClassifier(snapshot, directory, usedBefore);
  for (const p of parts) {
    const fresh = p.resolved.filter((e) => !stored.has(e.input.id));
    if (fresh.length) p.classified = classify(fresh);
  }
  const classified = parts.flatMap((p) => p.classified);
  if (!classified.length) return results();

  const groups = violationGroups(classified, snapshot);
  const people = new Map<string, DirectoryPerson>(classified.map((e) => [e.person.id, e.person]));
  const batchOf = new Map<ClassifiedEvent, number>();
  parts.forEach((p, i) => p.classified.forEach((e) => batchOf.set(e, i)));

  const answers = results();
  await prisma.$transaction(
    async (tx) => {
      const { ids: reviewItemIds, newCritical } = await upsertViolationItems(tx, groups);
      const batch = await insertEvents(tx, classified, { policyVersion: snapshot.policyVersion, reviewItemIds, groups, batchOf, apiKeyIds: requests.map((r) => r.ctx.apiKeyId ?? null) });
      parts.forEach((p, i) => {
        const mine = batch.byBatch.get(i);
        const answer = answers[i];
        answer.accepted = mine?.inserted ?? 0;
        // Lines a concurrent batch stored first are duplicates too.
        answer.duplicates += p.classified.length - answer.accepted;
        for (const [k, n] of Object.entries(mine?.outcomes ?? {})) if (k in answer.outcomes) answer.outcomes[k as keyof Outcomes] = n ?? 0;
      });
      if (batch.inserted === 0) return;
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
      // One entry per request that stored something, in this transaction, in the order the requests came.
      const audit: AuditInput[] = [];
      parts.forEach((p, i) => {
        const answer = answers[i];
        if (!answer.accepted) return;
        const ctx = p.req.ctx;
        audit.push({
          actor: ctx.actor ?? (ctx.apiKeyId ? { type: "api_key", id: ctx.apiKeyId } : { type: "system", id: null }),
          action: "usage.ingested",
          entityType: "usage_batch",
          entityId: randomUUID(),
          data: {
            accepted: answer.accepted,
            duplicates: answer.duplicates,
            rejected: answer.rejected.length,
            outcomes: answer.outcomes,
            reviewItems: new Set(p.classified.filter((e) => e.outcome === "violation").map(violationGroupKey)).size,
          },
        });
      });
      await appendAuditEntries(tx, audit);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  // This worker's next decision sees the new counters without waiting for the database's notification.
  forgetCapCounters(people.keys());
  return answers;
}
