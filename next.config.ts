import type { NextConfig } from "next";
import { env } from "./lib/env";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Separate build folders let several servers run side by side (tests, benchmarks).
  distDir: env.NEXT_DIST_DIR,
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: WebAssembly Postgres and the pg driver; Fastify (the API
  // reference page builds the machine interface's OpenAPI document from it).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "fastify", "@fastify/swagger", "fastify-type-provider-zod"],
  async headers() {
    const headers = securityHeaders({ dev: env.NODE_ENV !== "production", https: env.publicUrl.startsWith("https://") });
    return [{ source: "/:path*", headers }];
  },
};

export default nextConfig;
