// The URL prefixes the machine interface owns. The HTTP server hands these to Fastify and everything else to
// Next.js. A new area (OTLP, SCIM) adds its prefix here and registers its routes in app.ts.
export const MACHINE_PATH_PREFIXES = ["/api/v1", "/scim/v2", "/otlp", "/metrics"] as const;

/** Whether a request URL (path and query) belongs to the machine interface. */
export function isMachinePath(url: string | undefined): boolean {
  if (!url) return false;
  for (const prefix of MACHINE_PATH_PREFIXES) {
    if (url.startsWith(prefix)) {
      const next = url.charCodeAt(prefix.length);
      // "/api/v1", "/api/v1/...", "/api/v1?..." but not "/api/v10"
      if (Number.isNaN(next) || next === 47 /* / */ || next === 63 /* ? */) return true;
    }
  }
  return false;
}
