import "server-only";
import { readCapCounters, counterKey, emptyCounters } from "@/lib/caps/cap-usage";
import { loadDirectory } from "@/lib/policy/policy-snapshot";

export type CapStatus = {
  userId: string;
  /** external tools' tokens this period: what counts toward the monthly cap */
  used: number;
  reserved: number;
  /** the monthly cap on external tools */
  limit: number;
  /** the in-house tools' tokens this period (never counted toward the monthly cap) */
  inHouseUsed: number;
  /** the separate in-house cap, null when none is set */
  inHouseLimit: number | null;
};

/**
 * Each person's cap figures this period: the counters (kept current by ingestion) against the caps the directory
 * resolved (personal override, nearest team default, else role default), the same the decision path uses.
 */
export async function capStatusFor(userIds: string[], period: string): Promise<CapStatus[]> {
  if (!userIds.length) return [];
  const [directory, counters] = await Promise.all([loadDirectory(), readCapCounters({ userIds, period })]);
  return userIds.flatMap((userId) => {
    const person = directory.byId.get(userId);
    if (!person) return [];
    const c = counters.get(counterKey(userId, period)) ?? emptyCounters();
    return [{ userId, used: c.external.used, reserved: c.external.reserved, limit: person.caps.external, inHouseUsed: c.inHouse.used, inHouseLimit: person.caps.inHouse }];
  });
}
