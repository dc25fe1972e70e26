import { afterEach, describe, expect, it } from "vitest";
import { cachedCapCounters, capCounterCacheStats, forgetAllCapCounters, forgetCapCounters, MAX_AGE_MS, startCapCounterCache, type CounterNotifications } from "@/lib/caps/cap-counter-cache";
import type { CapCounters } from "@/lib/caps/cap-usage";

// The per-worker memory of cap counters, against a notification source this test drives by hand.

const counters = (used: number): CapCounters => ({ external: { used, reserved: 0 }, inHouse: { used: 0, reserved: 0 }, tools: new Map([["t1", { used, reserved: 1 }]]) });

function fakeSource() {
  const s = {
    listens: 0,
    fail: false,
    notify: ((): void => undefined) as (payload: string) => void,
    down: ((): void => undefined) as (err: unknown) => void,
    source: {
      async listen(onNotify, onDown) {
        s.listens++;
        if (s.fail) throw new Error("connection refused");
        s.notify = onNotify;
        s.down = onDown;
        return { stop: async () => undefined };
      },
    } satisfies CounterNotifications,
  };
  return s;
}

/** A database read the test controls: each call returns the current value, optionally after a hook runs. */
function database(initial: number) {
  const db = { value: initial, reads: 0, during: null as null | (() => void) };
  const read = async () => {
    db.reads++;
    const v = db.value;
    await Promise.resolve();
    db.during?.();
    return counters(v);
  };
  return { db, read };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setImmediate(r));
};

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

describe("cap counters kept in a worker's memory", () => {
  it("reads the database every time while nothing listens", async () => {
    const { db, read } = database(5);
    await cachedCapCounters("u-none", "2026-11", read);
    await cachedCapCounters("u-none", "2026-11", read);
    expect(db.reads).toBe(2);
  });

  it("answers from memory until the person's counters are announced as changed", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(100);
    expect((await cachedCapCounters("u1", "2026-11", read)).external.used).toBe(100);
    db.value = 200;
    expect((await cachedCapCounters("u1", "2026-11", read)).external.used).toBe(100);
    expect(db.reads).toBe(1);

    f.notify("someone-else");
    expect((await cachedCapCounters("u1", "2026-11", read)).external.used).toBe(100);
    f.notify("u1");
    expect((await cachedCapCounters("u1", "2026-11", read)).external.used).toBe(200);
    expect(db.reads).toBe(2);
  });

  it("forgets everyone's counters when the caps may have changed, and a read under way is not kept", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(10);
    await cachedCapCounters("u-a", "2026-11", read);
    await cachedCapCounters("u-b", "2026-11", read);
    db.value = 20;
    db.during = () => forgetAllCapCounters();
    expect((await cachedCapCounters("u-c", "2026-11", read)).external.used).toBe(20);
    db.during = null;
    expect(capCounterCacheStats().entries).toBe(0);
    expect((await cachedCapCounters("u-a", "2026-11", read)).external.used).toBe(20);
    expect(db.reads).toBe(4);
  });

  it("hands out copies: a caller that changes its answer does not change the next one", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { read } = database(7);
    const first = await cachedCapCounters("u-copy", "2026-11", read);
    first.external.used = 999;
    first.tools.get("t1")!.reserved = 999;
    const second = await cachedCapCounters("u-copy", "2026-11", read);
    expect(second.external.used).toBe(7);
    expect(second.tools.get("t1")!.reserved).toBe(1);
  });

  it("does not keep a read that was under way when the person's change was announced", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(1);
    db.during = () => {
      db.value = 2;
      f.notify("u-race");
    };
    expect((await cachedCapCounters("u-race", "2026-11", read)).external.used).toBe(1);
    db.during = null;
    expect((await cachedCapCounters("u-race", "2026-11", read)).external.used).toBe(2);
    expect(db.reads).toBe(2);
  });

  it("forgets everyone on TRUNCATE ('*'), on this process's own writes, in a new period and after MAX_AGE_MS", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(1);
    const t0 = 1_000_000;
    await cachedCapCounters("a", "2026-11", read, t0);
    await cachedCapCounters("b", "2026-11", read, t0);
    db.value = 2;
    f.notify("*");
    expect((await cachedCapCounters("a", "2026-11", read, t0)).external.used).toBe(2);
    expect((await cachedCapCounters("b", "2026-11", read, t0)).external.used).toBe(2);

    db.value = 3;
    forgetCapCounters(["a"]);
    expect((await cachedCapCounters("a", "2026-11", read, t0)).external.used).toBe(3);
    expect((await cachedCapCounters("b", "2026-11", read, t0)).external.used).toBe(2);

    expect((await cachedCapCounters("b", "2026-12", read, t0)).external.used).toBe(3);
    expect((await cachedCapCounters("a", "2026-11", read, t0 + MAX_AGE_MS - 1)).external.used).toBe(3);
    db.value = 4;
    expect((await cachedCapCounters("a", "2026-11", read, t0 + MAX_AGE_MS)).external.used).toBe(4);
  });

  it("stops answering from memory when the connection is lost, and listens again", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source, { retryMs: 1 });
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(10);
    await cachedCapCounters("u-lost", "2026-11", read);

    f.fail = true;
    f.down(new Error("terminating connection due to administrator command"));
    expect(capCounterCacheStats().listening).toBe(false);
    db.value = 11; // changed while nobody listened
    expect((await cachedCapCounters("u-lost", "2026-11", read)).external.used).toBe(11);
    db.value = 12;
    expect((await cachedCapCounters("u-lost", "2026-11", read)).external.used).toBe(12);

    await until(() => f.listens >= 3); // the retries failed too
    f.fail = false;
    await until(() => capCounterCacheStats().listening);
    expect((await cachedCapCounters("u-lost", "2026-11", read)).external.used).toBe(12);
    db.value = 13;
    expect((await cachedCapCounters("u-lost", "2026-11", read)).external.used).toBe(12);
  });

  it("does not keep a read that started before the connection was lost and came back", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source, { retryMs: 1 });
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(1);
    let resume!: () => void;
    const slow = async () => {
      const v = db.value;
      await new Promise<void>((r) => (resume = r));
      return counters(v);
    };
    const pending = cachedCapCounters("u-slow", "2026-11", slow);
    f.down(new Error("lost"));
    await until(() => capCounterCacheStats().listening);
    db.value = 2;
    resume();
    expect((await pending).external.used).toBe(1);
    expect((await cachedCapCounters("u-slow", "2026-11", read)).external.used).toBe(2);
  });
});
