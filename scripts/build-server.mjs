// `npm run build`, second half (after `next build`): bundles the server entry, the cluster launcher, the database
// commands and the operator tools from TypeScript to plain JavaScript in dist/, so a production install runs them
// with `node` alone, without tsx or TypeScript (dev dependencies may be pruned). Our own code (scripts/, lib/,
// the generated Prisma client, next.config.ts) is bundled; every npm package stays an import resolved from
// node_modules at run time, so packages that load files next to themselves (PGlite's wasm and data files,
// Prisma's query compiler, pino's transports) work as they do in development. Files the code reads relative
// to the working directory (prisma/migrations, lib/otlp/proto) are read from the app's folder, as before.
//
// `server-only` resolves to an empty module here, as lib/server/server-only-hooks.mjs does for the server under
// tsx: its throwing entry is meant for client bundles, and this server is not one.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");
const started = Date.now();

const entryPoints = {
  /** one server process (Fastify in front of Next.js); `npm start` runs it in each worker */
  server: "scripts/server.ts",
  /** `npm start`: the cluster launcher */
  start: "scripts/start.ts",
  /** `npm run db:deploy` (migrate), and status/reset */
  db: "scripts/db.ts",
  /** operator tools: audit chain verification, checkpoint signing, one outbox delivery round */
  "verify-audit": "scripts/verify-audit.ts",
  "audit-checkpoint": "scripts/audit-checkpoint.ts",
  "outbox-deliver": "scripts/outbox-deliver.ts",
};

const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  // Code splitting: what an entry imports with import() stays a separate file, loaded only when it runs (db.js
  // loads the schema engine, a dev dependency, only for `new`/`check`; server.js sets NODE_ENV before lib/env).
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node20.19",
  // Every bare import stays external (resolved from node_modules at run time); only relative and "@/" imports
  // (tsconfig paths) are bundled.
  packages: "external",
  tsconfig: "tsconfig.json",
  plugins: [serverOnlyIsEmpty],
  // Tells scripts/server.ts and scripts/start.ts they run bundled (no module hooks, no tsx for the workers).
  define: { "process.env.GUARDRAIL_BUNDLED": '"true"' },
  // For bundled code that calls require() (CommonJS interop) in an ES module.
  banner: { js: 'import { createRequire as __guardrailCreateRequire } from "node:module"; const require = __guardrailCreateRequire(import.meta.url);' },
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
});

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
const kb = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
console.log(`Built ${outputs.length} server bundles in dist/ (${Math.round(kb)} KB) in ${Date.now() - started} ms: ${outputs.map(([f]) => path.basename(f)).join(", ")}`);
