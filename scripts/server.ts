// One server process: the machine interface (Fastify) and the portal (Next.js) on one port; see
// lib/server/http-server.ts. `npm start` runs one per core under node:cluster (scripts/start.ts); `npm run dev`
// runs one in development mode. Arguments: -p/--port, -H/--hostname (as `next start` took them), --dev.
import { register } from "node:module";

// Under tsx (development, tests): `server-only` resolves to an empty module. The production bundle (dist/server.js,
// scripts/build-server.mjs) has it replaced already and needs no hooks.
if (process.env.GUARDRAIL_BUNDLED !== "true") register("../lib/server/server-only-hooks.mjs", import.meta.url);
// As `next start` / `next dev` did: production unless --dev (lib/env.ts reads it when first imported).
(process.env as Record<string, string | undefined>).NODE_ENV ??= process.argv.includes("--dev") ? "development" : "production";

const { serverOptionsFromArgs, startHttpServer } = await import("../lib/server/http-server");
let options;
try {
  options = serverOptionsFromArgs(process.argv.slice(2));
} catch (error) {
  console.error(`Guardrail cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
await startHttpServer(options);
