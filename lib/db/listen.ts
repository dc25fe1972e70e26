import { Client } from "pg";
import type { DbHandle } from "./create-client";

const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

type Subscriber = { channel: string; onNotify: (payload: string) => void; onDown: (err: unknown) => void };

/** One listening connection per database handle, shared by every channel this process LISTENs on. */
type Connection = { client: Client; ready: Promise<void>; subscribers: Set<Subscriber>; done: boolean; close: () => Promise<void> | null };

const connections = new WeakMap<DbHandle, Connection>();

const quoted = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

/**
 * Opens the listening connection: checked every 10 s, so a connection that died silently is noticed within 15 s.
 * When it is lost, every subscriber is told once, and the next LISTEN opens a new one.
 */
function openConnection(handle: DbHandle, pool: NonNullable<DbHandle["pool"]>): Connection {
  const client = new Client({ ...pool.options, query_timeout: HEARTBEAT_TIMEOUT_MS, keepAlive: true });
  const conn: Connection = {
    client,
    ready: Promise.resolve(),
    subscribers: new Set(),
    done: false,
    /** Ends the connection once (null when it already was); later errors and the "end" event say nothing more. */
    close: () => {
      if (conn.done) return null;
      conn.done = true;
      if (connections.get(handle) === conn) connections.delete(handle);
      clearInterval(heartbeat);
      client.removeAllListeners();
      client.on("error", () => undefined);
      return client.end().catch(() => undefined);
    },
  };
  // Told at once, not when the connection has finished closing: from here the caches read the database.
  const lost = (err: unknown) => {
    if (!conn.close()) return;
    for (const s of [...conn.subscribers]) s.onDown(err);
    conn.subscribers.clear();
  };
  client.on("notification", (m) => {
    for (const s of conn.subscribers) if (s.channel === m.channel) s.onNotify(m.payload ?? "");
  });
  client.on("error", lost);
  client.on("end", () => lost(new Error("the listening connection closed")));
  const heartbeat = setInterval(() => void client.query("SELECT 1").catch(lost), HEARTBEAT_MS);
  heartbeat.unref();
  conn.ready = client.connect().then(() => undefined);
  return conn;
}

/**
 * LISTEN on `channel`. On PostgreSQL: on this process's listening connection (a pooled one would be handed to other
 * queries), shared by every channel, so a worker holds one however many caches listen; `onDown` is called once if it
 * is lost. On the embedded database: PGlite's own listener, which cannot be lost.
 */
export async function listenOn(
  handle: DbHandle,
  channel: string,
  onNotify: (payload: string) => void,
  onDown: (err: unknown) => void,
): Promise<{ stop: () => Promise<void> }> {
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(channel, onNotify);
    return { stop: () => unlisten() };
  }
  const { pool } = handle;
  if (!pool) throw new Error("no database connection to listen on");
  let conn = connections.get(handle);
  if (!conn) {
    conn = openConnection(handle, pool);
    connections.set(handle, conn);
  }
  const subscriber: Subscriber = { channel, onNotify, onDown };
  conn.subscribers.add(subscriber);
  const leave = async (c: Connection) => {
    if (!c.subscribers.delete(subscriber)) return;
    if (!c.subscribers.size) return void (await c.close());
    const others = [...c.subscribers].some((s) => s.channel === channel);
    if (!others && !c.done) await c.client.query(`UNLISTEN ${quoted(channel)}`).catch(() => undefined);
  };
  try {
    await conn.ready;
    await conn.client.query(`LISTEN ${quoted(channel)}`);
  } catch (err) {
    await leave(conn);
    throw err;
  }
  const joined = conn;
  return { stop: () => leave(joined) };
}
