import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const publicUrl = process.env.NEXTAUTH_URL ?? process.env.PUBLIC_URL ?? "";

const nextConfig: NextConfig = {
  // Separate build folders let several servers run side by side (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: WebAssembly Postgres and the pg driver; Fastify (the API
  // reference page builds the machine interface's OpenAPI document from it).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "fastify", "@fastify/swagger", "fastify-type-provider-zod"],
  async headers() {
    const headers = securityHeaders({ dev: process.env.NODE_ENV !== "production", https: publicUrl.startsWith("https://") });
    return [{ source: "/:path*", headers }];
  },
};

export default nextConfig;
