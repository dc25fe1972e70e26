// Response headers for every route. Next's App Router inlines bootstrap scripts, so scripts need 'unsafe-inline'
// (no nonce plumbing through a proxy); everything else is locked to this origin and framing is refused.
export function securityHeaders(opts: { dev: boolean; https: boolean }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers = [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  if (opts.https) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

/**
 * The security headers as the server sets them at run time on every response (lib/server/http-server.ts), by
 * name: HSTS when the configured public URL is https. Set per process from the environment, so `npm run build`
 * does not depend on the public URL (Next's `headers()` would write them into the routes manifest at build time).
 */
export function runtimeSecurityHeaders(opts: { dev: boolean; publicUrl: string }): Record<string, string> {
  const https = opts.publicUrl.toLowerCase().startsWith("https://");
  return Object.fromEntries(securityHeaders({ dev: opts.dev, https }).map((h) => [h.key, h.value]));
}
