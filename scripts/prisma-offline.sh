#!/usr/bin/env bash
# Runs `prisma generate|validate|format` without the native schema-engine download, which these
# machines cannot make. Only for these commands: with the stub, `migrate` would report success and do nothing.
set -euo pipefail
case "${1:-}" in
  generate|validate|format) ;;
  *) echo "prisma-offline: only generate, validate and format; use npm run db:* for migrations" >&2; exit 2 ;;
esac
stub="$(dirname "$0")/schema-engine-stub.sh"
PRISMA_SCHEMA_ENGINE_BINARY="$stub" PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 exec npx --no-install prisma "$@"
