import { describe, expect, it } from "vitest";
import { createRefreshingCache } from "@/lib/cache/refreshing-cache";

function setup() {
  let t = 1_000_000;
  const pending: { key: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const errors: unknown[] = [];
  const cache = createRefreshingCache<string, string>({
    ttlMs: 5_000,
    refreshAheadMs: 1_000,
    maxEntries: 100,
    now: () => t,
    load: (key) => new Promise((resolve, reject) => pending.push({ key, resolve, reject })),
    onRefreshError: (e) => errors.push(e),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { cache, pending, errors, settle, advance: (ms: number) => (t += ms) };
}

describe("refreshing cache", () => {
  it("requests that miss a key at once share one read", async () => {
    const { cache, pending } = setup();
    const answers = Promise.all([cache.get("k"), cache.get("k"), cache.get("k")]);
    expect(pending).toHaveLength(1);
    pending[0].resolve("v1");
    expect(await answers).toEqual(["v1", "v1", "v1"]);
    expect(cache.get("k")).toBe("v1"); // held: no promise, no read
    expect(pending).toHaveLength(1);
  });

  it("reads a key in use again in the background before its answer runs out, and nobody waits for it", async () => {
    const { cache, pending, advance, settle } = setup();
    const first = cache.get("k");
    pending[0].resolve("v1");
    await first;
    advance(3_999);
    expect(cache.get("k")).toBe("v1");
    expect(pending).toHaveLength(1);
    advance(1); // 1 s left: one background read, the held answer meanwhile
    expect(cache.get("k")).toBe("v1");
    expect(cache.get("k")).toBe("v1");
    expect(pending).toHaveLength(2);
    pending[1].resolve("v2");
    await settle();
    expect(cache.get("k")).toBe("v2");
    advance(4_999); // the new answer counts from when its read started
    expect(cache.get("k")).toBe("v2");
  });

  it("never answers from a read older than ttlMs: past it, callers wait for a new read", async () => {
    const { cache, pending, advance } = setup();
    const first = cache.get("k");
    pending[0].resolve("v1");
    await first;
    advance(5_000);
    const late = cache.get("k");
    expect(late).toBeInstanceOf(Promise);
    pending[1].resolve("v2");
    expect(await late).toBe("v2");
  });

  it("a read under way when the cache is cleared answers its caller but is not kept", async () => {
    const { cache, pending } = setup();
    const before = cache.get("k");
    cache.clear(); // e.g. a key revoked in this process
    pending[0].resolve("before-revocation");
    expect(await before).toBe("before-revocation");
    const after = cache.get("k");
    expect(pending).toHaveLength(2);
    pending[1].resolve("revoked");
    expect(await after).toBe("revoked");
  });

  it("a failed background read keeps the held answer until it runs out; a failed read rejects its callers and keeps nothing", async () => {
    const { cache, pending, errors, advance, settle } = setup();
    const first = cache.get("k");
    pending[0].resolve("v1");
    await first;
    advance(4_500);
    expect(cache.get("k")).toBe("v1");
    pending[1].reject(new Error("database down"));
    await settle();
    expect(errors).toHaveLength(1);
    expect(cache.get("k")).toBe("v1"); // and a new background read
    pending[2].reject(new Error("database down"));
    await settle();
    advance(500);
    const late = cache.get("k");
    pending[3].reject(new Error("database down"));
    await expect(late).rejects.toThrow("database down");
    expect(cache.size()).toBe(1); // the expired answer is still in the map, but never served
    const again = cache.get("k");
    expect(pending).toHaveLength(5);
    pending[4].resolve("v2");
    expect(await again).toBe("v2");
  });
});
