import { describe, expect, it } from "vitest";
import { leaseGrantWriter, type LeaseGrant } from "@/lib/caps/lease-grant-writer";
import { until } from "../../support/until";

const grant = (id: string, leaseId = "L1"): LeaseGrant => ({ id, leaseId, userId: "ana", period: "2026-11", tokens: 100, toolId: "t1" });

/** A database stand-in: records each statement, and each call waits until the test lets it finish (or fail). */
function fakeDatabase() {
  const calls: { name: string; values: unknown[] }[] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const query = <T,>(name: string, _text: string, values: unknown[]) =>
    new Promise<T[]>((resolve, reject) => {
      calls.push({ name, values });
      pending.push({
        resolve: () => resolve([{ written: name === "cap_lease_grants" ? (JSON.parse(values[0] as string) as unknown[]).length : 0, lost: 0 } as T]),
        reject,
      });
    });
  const next = async () => {
    await until(() => pending.length > 0);
    return pending.shift()!;
  };
  const ids = (i: number) => (JSON.parse(calls[i].values[0] as string) as LeaseGrant[]).map((g) => g.id);
  return { calls, query, next, ids };
}

describe("the lease grant writer", () => {
  it("writes one statement at a time: grants that arrive meanwhile go together in the next", async () => {
    const db = fakeDatabase();
    const writer = leaseGrantWriter({ ttlSeconds: () => 600, query: db.query });
    writer.grant(grant("a"));
    writer.grant(grant("b"));
    writer.grant(grant("c"));
    (await db.next()).resolve();
    (await db.next()).resolve();
    await writer.flush();
    expect([db.ids(0), db.ids(1)]).toEqual([["a"], ["b", "c"]]);
    expect(db.calls[0].values[1]).toBe(600);
    expect(writer.stats()).toMatchObject({ written: 3, pending: 0, failures: 0 });
  });

  it("writes the grants queued with a release before giving the lease back", async () => {
    const db = fakeDatabase();
    const writer = leaseGrantWriter({ ttlSeconds: () => 600, query: db.query });
    writer.grant(grant("a"));
    writer.grant(grant("b"));
    writer.release(["L1"]);
    (await db.next()).resolve();
    (await db.next()).resolve();
    (await db.next()).resolve();
    await writer.flush();
    expect(db.calls.map((c) => c.name)).toEqual(["cap_lease_grants", "cap_lease_grants", "cap_lease_release"]);
    expect(db.ids(1)).toEqual(["b"]);
    expect(db.calls[2].values).toEqual([["L1"]]);
    expect(writer.stats()).toMatchObject({ written: 2, released: 1 });
  });

  it("keeps what a failed write held, in order, and writes it when tried again", async () => {
    const db = fakeDatabase();
    const writer = leaseGrantWriter({ ttlSeconds: () => 600, query: db.query, retryMs: 60_000 });
    writer.grant(grant("a"));
    const first = await db.next();
    writer.grant(grant("b"));
    first.reject(new Error("connection lost"));
    await until(() => writer.stats().failures === 1);
    expect(writer.stats().pending).toBe(2);
    // The retry waits a minute; flushing (a worker stopping) sends it now.
    const flushed = writer.flush();
    (await db.next()).resolve();
    await flushed;
    expect(db.ids(1)).toEqual(["a", "b"]);
    expect(writer.stats()).toMatchObject({ written: 2, pending: 0, failures: 1 });
  });

  it("rejects a flush when the database refuses, and keeps the grants for the next try", async () => {
    const db = fakeDatabase();
    const writer = leaseGrantWriter({ ttlSeconds: () => 600, query: db.query, retryMs: 60_000 });
    writer.grant(grant("a"));
    const flushed = writer.flush();
    (await db.next()).reject(new Error("database down"));
    await expect(flushed).rejects.toThrow(/writing grants failed/);
    expect(writer.stats().pending).toBe(1);
    const again = writer.flush();
    (await db.next()).resolve();
    await again;
    expect(writer.stats()).toMatchObject({ written: 1, pending: 0 });
  });
});
