// Per-worker token leases on the external cap. A worker that keeps reserving for the same person takes a lease: a
// block of the person's cap, reserved in the database like any reservation (a CapReservation row without a tool,
// counted in CapUsage.reservedTokens, checked against the limit under the counter's row lock). The person's next
// reservations on that worker are carved from the lease in memory, with no round trip, and written afterwards
// (lease-grant-writer.ts): each becomes its own CapReservation row, which settlement matches to usage as before, and
// the lease row shrinks by as much, so the counter does not move. A lease never over-commits a cap, since its tokens
// were within the limit when it was taken; a grant is refused when the person's counters, as this worker knows them,
// are over the limit (usage counted without a reservation), and then the database decides as before.
//
// A lease is taken only while it leaves 15 % of the cap free (reservations are announced to other workers from 10 %
// on: cap-counter-cache.ts), and it is at most CAP_LEASE_PERCENT of the cap, so other workers lose at most that much
// of a person's room to it. A worker grants from a lease for LEASE_USABLE_MS, then gives back what is left; a lease row lives LEASE_TTL_SECONDS, so when a worker dies the
// expiry sweep gives its leases back, and a grant still unwritten then only lacks its row (its usage still counts).

/** A lease row's lifetime in the database: the expiry sweep gives back what a dead worker left in it. */
export const LEASE_TTL_SECONDS = 120;
/** How long a worker grants from a lease: half its lifetime, so every grant is written long before the row expires. */
export const LEASE_USABLE_MS = 60_000;
/** A worker asks for a lease for a person it reserved for this recently. */
export const RECENT_MS = 10_000;
/** A lease covers at most this many reservations of the size that asked for it, and is not worth taking under MIN_GRANTS. */
const MAX_GRANTS = 64;
const MIN_GRANTS = 8;
/** A lease leaves at least this share of the cap free after it. */
export const LEASE_HEADROOM = 0.15;
const MAX_PEOPLE = 100_000;

/**
 * How many tokens to lease for a reservation of `tokens` under `limit`: MAX_GRANTS reservations of that size, at most
 * `percent` of the cap; 0 (no lease) when that covers fewer than MIN_GRANTS of them.
 */
export function leaseSize(limit: number, tokens: number, percent: number): number {
  if (!(percent > 0) || !(tokens > 0) || !(limit > 0)) return 0;
  const size = Math.min(Math.floor((limit * percent) / 100), tokens * MAX_GRANTS);
  return size >= tokens * MIN_GRANTS ? size : 0;
}

export type Lease = { id: string; size: number; remaining: number; /** local clock (ms): no grant after this */ usableUntil: number };

export type LeaseTake = {
  leaseId: string;
  /** what this worker's leases for the person held unused before this grant (the counter counts it as reserved) */
  unusedBefore: number;
  /** the leases are running low: time to take the next one */
  low: boolean;
};

export type LeaseBookStats = { leases: number; taken: number; granted: number; grantedTokens: number; missed: number };

export type LeaseBook = ReturnType<typeof createLeaseBook>;

const keyOf = (userId: string, period: string) => `${userId}|${period}`;

/** One worker's leases, per person and period, in memory. */
export function createLeaseBook() {
  const leases = new Map<string, Lease[]>();
  const recent = new Map<string, number>();
  const stats: LeaseBookStats = { leases: 0, taken: 0, granted: 0, grantedTokens: 0, missed: 0 };

  /** Leases past their usable time leave the book; `onExpired` gets them, to give back what they hold. */
  function prune(key: string, now: number, onExpired?: (lease: Lease) => void): Lease[] {
    const held = leases.get(key);
    if (!held) return [];
    const live = held.filter((l) => now < l.usableUntil);
    if (live.length !== held.length) {
      for (const l of held) if (now >= l.usableUntil) onExpired?.(l);
      if (live.length) leases.set(key, live);
      else leases.delete(key);
    }
    return live;
  }

  return {
    /** A reservation for the person went to the database: a lease is worth asking for when another follows soon. */
    noteReserved(userId: string, period: string, now: number) {
      if (recent.size >= MAX_PEOPLE) recent.clear();
      recent.set(keyOf(userId, period), now);
    },
    /** Whether this worker reserved for the person within RECENT_MS. */
    reservedRecently(userId: string, period: string, now: number): boolean {
      const at = recent.get(keyOf(userId, period));
      return at !== undefined && now - at < RECENT_MS;
    },
    /** A lease the database granted, usable from `sentAt` (when it was asked for) for LEASE_USABLE_MS. */
    add(userId: string, period: string, id: string, size: number, sentAt: number) {
      const key = keyOf(userId, period);
      const held = leases.get(key) ?? [];
      held.push({ id, size, remaining: size, usableUntil: sentAt + LEASE_USABLE_MS });
      leases.set(key, held);
      stats.taken++;
    },
    /** Whether a lease could cover `tokens` now (nothing is taken). */
    covers(userId: string, period: string, tokens: number, now: number, onExpired?: (lease: Lease) => void): boolean {
      const covered = prune(keyOf(userId, period), now, onExpired).some((l) => l.remaining >= tokens);
      if (!covered) stats.missed++;
      return covered;
    },
    /** Takes `tokens` from the lease that ends first and covers them, or null. */
    take(userId: string, period: string, tokens: number, now: number, onExpired?: (lease: Lease) => void): LeaseTake | null {
      const live = prune(keyOf(userId, period), now, onExpired);
      const lease = live.filter((l) => l.remaining >= tokens).sort((a, b) => a.usableUntil - b.usableUntil)[0];
      if (!lease) {
        stats.missed++;
        return null;
      }
      const unusedBefore = live.reduce((sum, l) => sum + l.remaining, 0);
      lease.remaining -= tokens;
      stats.granted++;
      stats.grantedTokens += tokens;
      // Low: what is left would not cover a quarter of the newest lease, or the last one is about to end.
      const newest = live.reduce((a, b) => (b.usableUntil > a.usableUntil ? b : a));
      const low = unusedBefore - tokens < newest.size / 4 || newest.usableUntil - now < LEASE_USABLE_MS / 4;
      return { leaseId: lease.id, unusedBefore, low };
    },
    /** What this worker's leases for the person hold unused (counted as reserved in the person's counter). */
    unused(userId: string, period: string, now: number): number {
      return prune(keyOf(userId, period), now).reduce((sum, l) => sum + l.remaining, 0);
    },
    /** The person's leases, forgotten here (to be given back). */
    takePerson(userId: string, period: string): Lease[] {
      const key = keyOf(userId, period);
      const held = leases.get(key) ?? [];
      leases.delete(key);
      return held;
    },
    /** Every lease still held, and forgets them all (the worker is stopping: they are given back). */
    takeAll(): Lease[] {
      const all = [...leases.values()].flat();
      leases.clear();
      return all;
    },
    /** Leases past their usable time, removed from the book (to be given back). */
    takeExpired(now: number): Lease[] {
      const out: Lease[] = [];
      for (const key of [...leases.keys()]) prune(key, now, (l) => out.push(l));
      return out;
    },
    stats: (): LeaseBookStats => ({ ...stats, leases: [...leases.values()].reduce((n, h) => n + h.length, 0) }),
  };
}
