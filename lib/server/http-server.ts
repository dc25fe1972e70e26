import http from "node:http";
import type { Duplex } from "node:stream";
import nextConfig from "../../next.config";
import { env } from "../env";
import { installAccessLog } from "../logging/access-log";
import { buildMachineApi } from "../machine-api/app";
import { isMachinePath } from "../machine-api/paths";
import { startScheduler } from "../scheduler/start-scheduler";
import { runStartupChecksOrExit } from "../startup-checks";
import { announceWorkerReady } from "./worker-ready";
import { logger } from "../logging/logger";
import { flushUnmatchedSightings } from "../tools/unmatched-telemetry";
import { runtimeSecurityHeaders } from "../security-headers";
import { CAP_COUNTERS_CHANNEL, startCapCounterCache } from "../caps/cap-counter-cache";
import { PEOPLE_CHANNEL, startUnknownNameCache } from "../policy/unknown-names";
import { dbHandle } from "../db/client";
import { listenOn } from "../db/listen";
import { passBuiltConfigToNext } from "./built-next-config";

// One node:http server per process, one port. Requests under the machine interface's prefixes (/api/v1, ...) go
// straight to Fastify (lib/machine-api); every other request goes to Next.js's request handler (Next's
// custom-server mode), untouched. The split is a string test on the URL before either framework sees the
// request, so neither pays for the other. With MACHINE_API_ONLY=true there is no Next.js at all: Fastify answers
// everything (unknown paths with the API's 404 body) and serves /api/health itself.

export type ServerOptions = { port: number; hostname?: string; dev: boolean; machineOnly: boolean };

export function serverOptionsFromArgs(args: string[]): ServerOptions {
  let port = Number(process.env.PORT) || 3000;
  let hostname: string | undefined = process.env.HOSTNAME || undefined;
  let dev = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-p" || a === "--port") port = Number(args[++i]);
    else if (a.startsWith("--port=")) port = Number(a.slice(7));
    else if (a === "-H" || a === "--hostname") hostname = args[++i];
    else if (a.startsWith("--hostname=")) hostname = a.slice(11);
    else if (a === "--dev") dev = true;
    else throw new Error(`unknown argument "${a}" (use -p <port>, -H <hostname>, --dev)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${port}`);
  return { port, hostname, dev, machineOnly: env.machineApiOnly };
}

const SHUTDOWN_GRACE_MS = 25_000;

type PortalHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

/**
 * The server and the machine interface attached to it, not yet listening: machine paths to Fastify, the rest
 * to `portal` (Next.js's request handler). Without a portal (machine-only), Fastify answers everything.
 */
export async function createGuardrailServer(opts: {
  portal: PortalHandler | null;
  upgrade?: UpgradeHandler | null;
  machineOnly: boolean;
  /** development: the content security policy allows eval and the hot-reload websocket */
  dev?: boolean;
  /** the public URL whose scheme decides HSTS (default: the environment's, read when the server is created) */
  publicUrl?: string;
  /** how long an idle keep-alive connection stays open (default: HTTP_KEEP_ALIVE_TIMEOUT_SECONDS) */
  keepAliveTimeoutSeconds?: number;
}) {
  const { portal, upgrade } = opts;
  // Every response carries the security headers, set at run time (HSTS from the configured public URL), not
  // written into Next's routes manifest at build time: here for the portal's requests; the machine interface sets
  // the same on its own answers (once per request: each header costs the decision path validation and copies).
  const publicUrl = opts.publicUrl ?? env.publicUrl;
  const headers = Object.entries(runtimeSecurityHeaders({ dev: !!opts.dev, publicUrl }));
  let machine: http.RequestListener = () => undefined;
  const server = http.createServer((req, res) => {
    if (portal && !isMachinePath(req.url)) {
      for (const [name, value] of headers) res.setHeader(name, value);
      portal(req, res).catch((error: unknown) => {
        logger.error({ err: error, url: req.url?.split("?")[0] }, "portal request failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    } else machine(req, res);
  });
  // Node's default (5 s) is shorter than the idle timeout of the pools that call the machine interface (a load
  // balancer's 60 s, Go's 90 s): a request sent on a connection the server is closing at that moment fails with a reset.
  // 72 s is Fastify's own default, which it applies only to servers it creates itself.
  server.keepAliveTimeout = (opts.keepAliveTimeoutSeconds ?? env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS) * 1000;
  if (upgrade) server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
  const app = await buildMachineApi({
    health: opts.machineOnly,
    publicUrl,
    serverFactory: (handler) => {
      machine = handler;
      return server;
    },
  });
  await app.ready();
  return { server, app };
}

/**
 * Stops accepting connections and calls `onClosed` once every open one has closed: idle ones at once, the others as
 * soon as their request in flight is answered (they would otherwise idle for the keep-alive timeout first).
 */
export function closeServer(server: http.Server, onClosed: () => void): void {
  server.keepAliveTimeout = 1; // read by Node when each response finishes
  server.close(() => onClosed());
  server.closeIdleConnections();
}

async function preparePortal(options: ServerOptions): Promise<{ portal: PortalHandler; upgrade: UpgradeHandler | null }> {
  const { default: next } = await import("next");
  // In production Next gets the configuration the build resolved, so it neither loads SWC nor transpiles
  // next.config.ts at run time (built-next-config.ts); in development it reads (and watches) the file itself.
  if (!options.dev) passBuiltConfigToNext(nextConfig.distDir ?? ".next");
  const nextApp = next({ dev: options.dev, dir: process.cwd(), hostname: options.hostname ?? "localhost", port: options.port, conf: options.dev ? undefined : nextConfig });
  await nextApp.prepare();
  // In development, hot reload's websocket.
  return { portal: nextApp.getRequestHandler(), upgrade: options.dev ? nextApp.getUpgradeHandler() : null };
}

export async function startHttpServer(options: ServerOptions): Promise<Awaited<ReturnType<typeof createGuardrailServer>>> {
  // The startup checks (configuration, database, migrations) run while Next.js and Fastify get ready; nothing
  // listens before they passed (a failed check prints its sentences and exits).
  const portalReady = options.machineOnly ? Promise.resolve(null) : preparePortal(options);
  const [, prepared] = await Promise.all([runStartupChecksOrExit(), portalReady]);
  installAccessLog();
  const { server, app } = await createGuardrailServer({
    portal: prepared?.portal ?? null,
    upgrade: prepared?.upgrade ?? null,
    machineOnly: options.machineOnly,
    dev: options.dev,
  });
  // Listening on the server directly: without a hostname, every interface (as `next start` did).
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const where = `http://${options.hostname ?? "localhost"}:${options.port}`;
  console.log(`[guardrail] ${options.machineOnly ? "machine interface only" : "portal and machine interface"} on ${where} (pid ${process.pid}${options.dev ? ", development" : ""})`);
  // Outbox delivery and scheduled jobs (one runner across workers, see lib/scheduler/scheduler.ts).
  const stopScheduler = startScheduler();
  const stopCapCounterCache =
    env.CAP_COUNTER_CACHE === "off"
      ? async () => undefined
      : startCapCounterCache(
          { listen: (onNotify, onDown) => listenOn(dbHandle(), CAP_COUNTERS_CHANNEL, onNotify, onDown) },
          { onError: (err) => logger.warn({ err }, "cap counters: not listening for changes; decisions read the database until it listens again") },
        );
  const stopUnknownNameCache = startUnknownNameCache(
    { listen: (onNotify, onDown) => listenOn(dbHandle(), PEOPLE_CHANNEL, onNotify, onDown) },
    { onError: (err) => logger.warn({ err }, "unknown names: not listening for changes to people; every unknown name is looked up until it listens again") },
  );
  announceWorkerReady();

  // SIGTERM/SIGINT: stop accepting, finish the requests in flight (new ones on open connections get 503), then exit.
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), SHUTDOWN_GRACE_MS).unref();
    void stopScheduler();
    void stopCapCounterCache();
    void stopUnknownNameCache();
    void app.close(); // from here Fastify answers new requests on open connections with 503
    // Repeat sightings of unmatched names still counted in memory are written before the process goes.
    closeServer(server, () => void flushUnmatchedSightings().finally(() => process.exit(code)));
  };
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  return { server, app };
}
