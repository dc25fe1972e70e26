/**
 * A per-process cache of answers read from the database, for the request path:
 * - an answer is used for `ttlMs` from when its read started, never longer (the bound on how late a change elsewhere,
 *   say a key's revocation, is seen);
 * - requests that miss the same key at once share one read, rather than each sending its own;
 * - a key used in the last `refreshAheadMs` of its answer's life is read again in the background, so under steady
 *   use no request waits for the read.
 * Without the last two, every request a worker held when a hot entry expired missed it together, and they all waited
 * for a pile of identical queries: a cluster of slow answers every few seconds (README, Performance).
 */
export type RefreshingCache<K, V> = {
  /** The answer for `key`: at once when one is held, otherwise once the (shared) read is back. */
  get(key: K): V | Promise<V>;
  /** Forgets every answer; reads under way now answer their callers but are not kept. */
  clear(): void;
  size(): number;
};

export type RefreshingCacheOptions<K, V> = {
  ttlMs: number;
  refreshAheadMs: number;
  /** past this many keys the cache starts over (a bound on memory, not an eviction policy) */
  maxEntries: number;
  load: (key: K) => Promise<V>;
  /** a background read that failed (the held answer is still used until its time is up) */
  onRefreshError?: (error: unknown) => void;
  now?: () => number;
};

export function createRefreshingCache<K, V>(options: RefreshingCacheOptions<K, V>): RefreshingCache<K, V> {
  const { ttlMs, refreshAheadMs, maxEntries, load } = options;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<K, { value: V; until: number }>();
  const reads = new Map<K, Promise<V>>();
  let epoch = 0;

  function read(key: K): Promise<V> {
    const startedAt = now();
    const readEpoch = epoch;
    const promise = load(key)
      .then((value) => {
        if (readEpoch === epoch) {
          if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
          entries.set(key, { value, until: startedAt + ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (reads.get(key) === promise) reads.delete(key);
      });
    reads.set(key, promise);
    return promise;
  }

  return {
    get(key) {
      const t = now();
      const held = entries.get(key);
      if (held && t < held.until) {
        if (held.until - t <= refreshAheadMs && !reads.has(key)) read(key).catch((error: unknown) => options.onRefreshError?.(error));
        return held.value;
      }
      return reads.get(key) ?? read(key);
    },
    clear() {
      epoch++;
      entries.clear();
      reads.clear();
    },
    size() {
      return entries.size;
    },
  };
}
