import { defineConfig } from "prisma/config";

// The Prisma CLI only talks to a server database; the embedded PGlite default is handled by scripts/db.ts.
const url = process.env.DATABASE_URL;
const isServer = !!url && /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  ...(isServer ? { datasource: { url } } : {}),
});
