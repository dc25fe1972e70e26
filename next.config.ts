import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build folders let several servers run side by side (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: WebAssembly Postgres and the pg driver.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
