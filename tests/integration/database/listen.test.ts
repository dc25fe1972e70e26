import { describe, expect, it } from "vitest";
import { dbHandle, prisma } from "@/lib/db/client";
import { listenOn } from "@/lib/db/listen";
import { useTestDb } from "../../support/test-db";

// The cap counter cache and the unknown-name cache each LISTEN on their own channel (lib/db/listen.ts): on PostgreSQL
// they share one connection per process, so a worker holds one listening connection however many caches listen.
useTestDb();

const notify = (channel: string, payload: string) => prisma.$executeRawUnsafe(`SELECT pg_notify($1, $2)`, channel, payload);

/** Backends of this database, other than the asking one, whose last statement was a LISTEN. */
const listeningBackends = async () =>
  (
    await prisma.$queryRawUnsafe<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
    )
  ).map((r) => r.pid);

describe("listening on several channels", () => {
  it("delivers each channel to its own listeners, on one connection, until each stops", async () => {
    const heard: string[] = [];
    const downs: string[] = [];
    const a = await listenOn(dbHandle(), "test_listen_a", (p) => heard.push(`a:${p}`), () => downs.push("a"));
    const b = await listenOn(dbHandle(), "test_listen_b", (p) => heard.push(`b:${p}`), () => downs.push("b"));
    const b2 = await listenOn(dbHandle(), "test_listen_b", (p) => heard.push(`b2:${p}`), () => downs.push("b2"));
    if (dbHandle().pool) expect(await listeningBackends()).toHaveLength(1);

    await notify("test_listen_a", "1");
    await notify("test_listen_b", "2");
    await expect.poll(() => [...heard].sort()).toEqual(["a:1", "b2:2", "b:2"]);

    // One listener of a channel stopping leaves the other listening.
    await b.stop();
    await notify("test_listen_b", "3");
    await notify("test_listen_a", "4");
    await expect.poll(() => heard.slice(3).sort()).toEqual(["a:4", "b2:3"]);

    await a.stop();
    await b2.stop();
    if (dbHandle().pool) await expect.poll(listeningBackends).toEqual([]);
    expect(downs).toEqual([]);
  });

  it("tells every listener once when the shared connection is lost, and the next LISTEN opens a new one", async () => {
    if (!dbHandle().pool) return expect(dbHandle().pglite).not.toBeNull(); // PGlite's listener cannot be lost
    const downs: string[] = [];
    await listenOn(dbHandle(), "test_listen_c", () => undefined, () => downs.push("c"));
    await listenOn(dbHandle(), "test_listen_d", () => undefined, () => downs.push("d"));
    const [pid] = await listeningBackends();
    await prisma.$queryRawUnsafe(`SELECT pg_terminate_backend($1)`, pid);
    await expect.poll(() => [...downs].sort()).toEqual(["c", "d"]);

    const heard: string[] = [];
    const again = await listenOn(dbHandle(), "test_listen_c", (p) => heard.push(p), () => undefined);
    expect(await listeningBackends()).not.toContain(pid);
    await notify("test_listen_c", "back");
    await expect.poll(() => heard).toEqual(["back"]);
    await again.stop();
    expect(downs).toEqual(["c", "d"].sort());
  });
});
