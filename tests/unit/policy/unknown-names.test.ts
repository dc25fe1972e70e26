import { afterEach, describe, expect, it } from "vitest";
import type { NotificationSource } from "@/lib/db/keep-listening";
import { anyoneNamedRemembered, forgetUnknownNames, MAX_AGE_MS, startUnknownNameCache, unknownNameStats } from "@/lib/policy/unknown-names";
import { until } from "../../support/until";

// The names a worker remembers as nobody's, against a notification source this test drives by hand and a database
// look-up it counts.

function fakeSource() {
  const s = {
    notify: ((): void => undefined) as (payload: string) => void,
    down: ((): void => undefined) as (err: unknown) => void,
    source: {
      async listen(onNotify, onDown) {
        s.notify = onNotify;
        s.down = onDown;
        return { stop: async () => undefined };
      },
    } satisfies NotificationSource,
  };
  return s;
}

/** The database's people, as a look-up by name sees them; `during` runs while a look-up is under way. */
function people(...names: string[]) {
  const db = { names: new Set(names), asked: [] as string[][], during: null as null | (() => void) };
  const lookUp = async (keys: string[]) => {
    db.asked.push(keys);
    const found = keys.some((k) => db.names.has(k));
    await Promise.resolve();
    db.during?.();
    return found;
  };
  return { db, lookUp };
}

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
  forgetUnknownNames();
});

async function listening() {
  const f = fakeSource();
  stop = startUnknownNameCache(f.source, { retryMs: 1 });
  await until(() => unknownNameStats().listening);
  return f;
}

describe("names remembered as nobody's", () => {
  it("asks the database every time while nothing listens", async () => {
    const { db, lookUp } = people();
    expect(await anyoneNamedRemembered(["ghost@example.com"], lookUp)).toBe(false);
    expect(await anyoneNamedRemembered(["ghost@example.com"], lookUp)).toBe(false);
    expect(db.asked).toHaveLength(2);
  });

  it("answers from memory for a name nobody has, until a change to people is announced", async () => {
    const f = await listening();
    const { db, lookUp } = people();
    expect(await anyoneNamedRemembered(["ghost@example.com"], lookUp)).toBe(false);
    const hits = unknownNameStats().hits;
    expect(await anyoneNamedRemembered(["ghost@example.com"], lookUp)).toBe(false);
    expect(unknownNameStats().hits).toBe(hits + 1);
    expect(db.asked).toHaveLength(1);

    db.names.add("ghost@example.com"); // another worker adds the person, and PostgreSQL says so at commit
    f.notify("");
    expect(await anyoneNamedRemembered(["ghost@example.com"], lookUp)).toBe(true);
    expect(db.asked).toHaveLength(2);
  });

  it("asks only for the names it does not remember, and remembers none of a look-up that found someone", async () => {
    await listening();
    const { db, lookUp } = people("ann@example.com");
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    expect(await anyoneNamedRemembered(["ghost@example.com", "ann@example.com"], lookUp)).toBe(true);
    expect(db.asked.at(-1)).toEqual(["ann@example.com"]);
    expect(await anyoneNamedRemembered(["ann@example.com"], lookUp)).toBe(true);
    expect(db.asked).toHaveLength(3);
  });

  it("does not keep a look-up that was under way when a change was announced", async () => {
    const f = await listening();
    const { db, lookUp } = people();
    db.during = () => f.notify("");
    expect(await anyoneNamedRemembered(["late@example.com"], lookUp)).toBe(false);
    db.during = null;
    await anyoneNamedRemembered(["late@example.com"], lookUp);
    expect(db.asked).toHaveLength(2);
  });

  it("asks again after MAX_AGE_MS at the latest", async () => {
    await listening();
    const { db, lookUp } = people();
    const t0 = Date.now();
    await anyoneNamedRemembered(["ghost@example.com"], lookUp, t0);
    await anyoneNamedRemembered(["ghost@example.com"], lookUp, t0 + MAX_AGE_MS - 1);
    expect(db.asked).toHaveLength(1);
    await anyoneNamedRemembered(["ghost@example.com"], lookUp, t0 + MAX_AGE_MS);
    expect(db.asked).toHaveLength(2);
  });

  it("stops remembering when the connection is lost, and starts again once it listens again", async () => {
    const f = await listening();
    const { db, lookUp } = people();
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    const losses = unknownNameStats().losses;
    f.down(new Error("connection reset"));
    expect(unknownNameStats()).toMatchObject({ listening: false, names: 0, losses: losses + 1 });
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    expect(db.asked).toHaveLength(3);

    await until(() => unknownNameStats().listening);
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    await anyoneNamedRemembered(["ghost@example.com"], lookUp);
    expect(db.asked).toHaveLength(4);
  });
});
