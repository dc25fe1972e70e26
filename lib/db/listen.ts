import { Client } from "pg";
import type { DbHandle } from "./create-client";

const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/**
 * LISTEN on `channel`. On PostgreSQL: a connection of its own (a pooled one would be handed to other queries),
 * checked every 10 s so a connection that died silently is noticed within 15 s; `onDown` is called once if it is lost.
 * On the embedded database: PGlite's own listener, which cannot be lost.
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
  if (!handle.pool) throw new Error("no database connection to listen on");
  const client = new Client({ ...handle.pool.options, query_timeout: HEARTBEAT_TIMEOUT_MS, keepAlive: true });
  let done = false;
  /** Ends the connection once (null when it already was); later errors and the "end" event say nothing more. */
  const close = () => {
    if (done) return null;
    done = true;
    clearInterval(heartbeat);
    client.removeAllListeners();
    client.on("error", () => undefined);
    return client.end().catch(() => undefined);
  };
  // Told at once, not when the connection has finished closing: from here decisions read the database.
  const lost = (err: unknown) => {
    if (close()) onDown(err);
  };
  client.on("notification", (m) => {
    if (m.channel === channel) onNotify(m.payload ?? "");
  });
  client.on("error", lost);
  client.on("end", () => lost(new Error("the listening connection closed")));
  const heartbeat = setInterval(() => void client.query("SELECT 1").catch(lost), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await client.connect();
    await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
  } catch (err) {
    await close();
    throw err;
  }
  return { stop: async () => void (await close()) };
}
