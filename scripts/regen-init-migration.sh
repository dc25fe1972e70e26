#!/usr/bin/env bash
# Until the first release, the schema is one "init" migration: regenerate it from schema.prisma.
# After a release, add migrations with `npm run db:new -- <name>` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf prisma/migrations/*_init
npx --no-install tsx scripts/db.ts new init
bash scripts/prisma-offline.sh generate >/dev/null
