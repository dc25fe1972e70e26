// The machine interface (lib/machine-api) in tests: the real Fastify app, called with app.inject() (no socket),
// taking and returning web Request/Response so tests read like a gateway's fetch.
import type { FastifyInstance } from "fastify";
import { buildMachineApi } from "@/lib/machine-api/app";

let app: Promise<FastifyInstance> | null = null;

/** One app per test file (each file is its own process), with the machine-only health route too. */
export function machineApi(): Promise<FastifyInstance> {
  app ??= buildMachineApi({ health: true }).then(async (a) => {
    await a.ready();
    return a;
  });
  return app;
}

export async function callMachineApi(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const payload = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
  const res = await (await machineApi()).inject({
    method: req.method as "GET",
    url: url.pathname + url.search,
    headers: Object.fromEntries(req.headers),
    ...(payload ? { payload } : {}),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
  }
  const empty = res.statusCode === 204 || res.statusCode === 304 || req.method === "HEAD";
  return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
}
