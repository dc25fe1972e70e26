import { afterEach, describe, expect, it } from "vitest";
import { applyOwnWrite, cachedCapCounters, capCounterCacheStats, forgetAllCapCounters, forgetCapCounters, markCapCounters, MAX_AGE_MS, startCapCounterCache, type CounterNotifications } from "@/lib/caps/cap-counter-cache";
import type { CapCounters } from "@/lib/caps/cap-usage";
import { until } from "../../support/until";

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

  it("forgets everyone on TRUNCATE ('*'), on this process's own writes, in a new period and after MAX_AGE_MS at the latest", async () => {
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
    // Each entry's age limit is drawn between 3/4 of MAX_AGE_MS and all of it.
    expect((await cachedCapCounters("a", "2026-11", read, t0 + MAX_AGE_MS * 0.75 - 1)).external.used).toBe(3);
    db.value = 4;
    expect((await cachedCapCounters("a", "2026-11", read, t0 + MAX_AGE_MS)).external.used).toBe(4);
  });

  it("spreads the entries' age limits, so that entries read together are not read again together", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(1);
    const t0 = 2_000_000;
    const people = Array.from({ length: 40 }, (_, i) => `spread-${i}`);
    for (const p of people) await cachedCapCounters(p, "2026-11", read, t0);
    const readsBefore = db.reads;
    for (const p of people) await cachedCapCounters(p, "2026-11", read, t0 + MAX_AGE_MS * 0.875);
    const expired = db.reads - readsBefore;
    // Each entry expires past that point with a chance of 1/2: all 40 or none would be a 1 in 2^39 event.
    expect(expired).toBeGreaterThan(0);
    expect(expired).toBeLessThan(people.length);
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

describe("this worker's own reservations", () => {
  const reserve50 = (c: CapCounters) => {
    c.external = { ...c.external, reserved: c.external.reserved + 50 };
  };

  it("keep the person's entry, with the reservation added, when nothing changed since it was sent", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(100);
    await cachedCapCounters("u-own", "2026-11", read);
    const kept = capCounterCacheStats().kept;
    const mark = markCapCounters("u-own");
    applyOwnWrite("u-own", "2026-11", mark, reserve50);
    const after = await cachedCapCounters("u-own", "2026-11", read);
    expect(after.external).toEqual({ used: 100, reserved: 50 });
    expect(after.tools.get("t1")).toEqual({ used: 100, reserved: 1 });
    expect(db.reads).toBe(1);
    expect(capCounterCacheStats().kept).toBe(kept + 1);
  });

  it("forget the person when a change was announced or written while the reservation was under way", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(100);
    await cachedCapCounters("u-own2", "2026-11", read);
    let mark = markCapCounters("u-own2");
    f.notify("u-own2"); // e.g. usage ingested by another worker, committed before the reservation locked the counter
    await cachedCapCounters("u-own2", "2026-11", read); // read again: a fresh entry, but not the one the mark saw
    db.value = 300;
    applyOwnWrite("u-own2", "2026-11", mark, reserve50);
    expect((await cachedCapCounters("u-own2", "2026-11", read)).external).toEqual({ used: 300, reserved: 0 });

    mark = markCapCounters("u-own2");
    forgetAllCapCounters();
    await cachedCapCounters("u-own2", "2026-11", read);
    db.value = 400;
    applyOwnWrite("u-own2", "2026-11", mark, reserve50);
    expect((await cachedCapCounters("u-own2", "2026-11", read)).external).toEqual({ used: 400, reserved: 0 });
    expect(db.reads).toBe(5);
  });

  it("forget the person in another period, and keep no entry where none was", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(100);
    await cachedCapCounters("u-own3", "2026-11", read);
    applyOwnWrite("u-own3", "2026-12", markCapCounters("u-own3"), reserve50);
    applyOwnWrite("u-none3", "2026-11", markCapCounters("u-none3"), reserve50);
    db.value = 200;
    expect((await cachedCapCounters("u-own3", "2026-11", read)).external.used).toBe(200);
    expect((await cachedCapCounters("u-none3", "2026-11", read)).external).toEqual({ used: 200, reserved: 0 });
  });

  it("do not let a read under way when the reservation committed keep what it read", async () => {
    const f = fakeSource();
    stop = startCapCounterCache(f.source);
    await until(() => capCounterCacheStats().listening);
    const { db, read } = database(100);
    db.during = () => applyOwnWrite("u-own4", "2026-11", markCapCounters("u-own4"), reserve50);
    expect((await cachedCapCounters("u-own4", "2026-11", read)).external.reserved).toBe(0);
    db.during = null;
    db.value = 150;
    expect((await cachedCapCounters("u-own4", "2026-11", read)).external.used).toBe(150);
    expect(db.reads).toBe(2);
  });
});
