// Module hooks for the server process (scripts/server.ts registers them before loading anything else).
// `server-only` throws unless it is bundled for React Server Components; lib/ code that carries it runs here as
// plain Node.js (the machine interface), where there is no client bundle to keep it out of, so it resolves to an
// empty module, as it does under vitest and for the seed script (--conditions=react-server).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export%20%7B%7D%3B", shortCircuit: true };
  return nextResolve(specifier, context);
}
