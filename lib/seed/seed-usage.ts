import "server-only";
import { prisma } from "@/lib/db/client";
import { ingestUsageEvents } from "@/lib/usage/ingest-events";
import { generateDay, dayInfo, type SeedEvent, type UsagePlan } from "./usage-generator";

export type UsageSeedResult = {
  generated: number;
  accepted: number;
  duplicates: number;
  skippedDays: number;
  batches: number;
  outcomes: Record<string, number>;
};

/**
 * Streams the plan's days, oldest first, through the one ingestion path in batches of about `batchSize`.
 * A day whose seed events are all stored already is skipped, so a re-run costs one count query per day.
 */
export async function seedUsage(plan: UsagePlan, options: { apiKeyId: string | null; batchSize: number; onBatch?: (r: UsageSeedResult, day: string) => void }): Promise<UsageSeedResult> {
  const result: UsageSeedResult = { generated: 0, accepted: 0, duplicates: 0, skippedDays: 0, batches: 0, outcomes: {} };
  let buffer: SeedEvent[] = [];

  const flush = async (day: string) => {
    if (!buffer.length) return;
    const batch = buffer;
    buffer = [];
    const r = await ingestUsageEvents(batch, { apiKeyId: options.apiKeyId });
    if (r.rejected.length) {
      const first = r.rejected[0];
      throw new Error(`Ingestion rejected ${r.rejected.length} seed event(s); first ${first.id}: ${first.errors.map((e) => `${e.path} ${e.message}`).join(", ")}`);
    }
    result.accepted += r.accepted;
    result.duplicates += r.duplicates;
    result.batches++;
    for (const [k, n] of Object.entries(r.outcomes)) result.outcomes[k] = (result.outcomes[k] ?? 0) + Number(n);
    options.onBatch?.(result, day);
  };

  for (let daysAgo = plan.days - 1; daysAgo >= 0; daysAgo--) {
    const events = generateDay(plan, daysAgo);
    result.generated += events.length;
    const day = dayInfo(plan, daysAgo);
    const next = dayInfo(plan, daysAgo - 1);
    const stored = await prisma.usageEvent.count({ where: { externalId: { startsWith: "seed-" }, occurredAt: { gte: day.start, lt: next.start } } });
    if (stored === events.length) {
      result.skippedDays++;
      continue;
    }
    // Split a big day so no request to the ingestion path exceeds the batch size by much.
    for (let i = 0; i < events.length; i += options.batchSize) {
      buffer.push(...events.slice(i, i + options.batchSize));
      if (buffer.length >= options.batchSize) await flush(day.iso);
    }
  }
  await flush(dayInfo(plan, 0).iso);
  return result;
}
