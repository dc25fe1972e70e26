import type { NextConfig } from "next";
import { env } from "./lib/env";

const nextConfig: NextConfig = {
  // Separate build folders let several servers run side by side (tests, benchmarks).
  distDir: env.NEXT_DIST_DIR,
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: WebAssembly Postgres and the pg driver; Fastify (the API
  // reference page builds the machine interface's OpenAPI document from it).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "fastify", "@fastify/swagger", "fastify-type-provider-zod"],
  // No headers() here: the security headers (CSP, framing, HSTS from the public URL, ...) are set at run time by
  // the server in front of Next (lib/server/http-server.ts), so the build does not depend on the public URL.
};

export default nextConfig;
