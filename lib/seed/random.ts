// A small deterministic pseudo-random generator (mulberry32) so every seed run produces the same data.

export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** log-normal around `median`, clamped to [min, max] */
  logNormal(median: number, sigma: number, min: number, max: number): number;
  poisson(mean: number): number;
};

export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A generator for a seed; `createRandom("alice-2026-01-04")` gives the same stream every time. */
export function createRandom(seed: number | string): Random {
  let state = typeof seed === "string" ? hashString(seed) : seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
    logNormal: (median, sigma, min, max) => Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * gaussian())))),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      // Normal approximation for large means keeps this O(1); Knuth's method below that.
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > limit);
      return k - 1;
    },
  };
}
