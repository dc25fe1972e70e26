#!/usr/bin/env bash
# Backs up the database named by DATABASE_URL into one file.
#   PostgreSQL (postgresql://…): pg_dump custom format (-Fc), consistent while the app runs.
#   PGlite (pglite:<dir>): a tar.gz of the data folder. Stop the app first: PGlite has no cross-process lock,
#   and a copy of a folder being written is not a backup.
# Usage: DATABASE_URL=… scripts/backup.sh [output-file]    (default: backups/guardrail-<UTC time>.<dump|tar.gz>)
# Prints the path of the file it wrote. Restore with scripts/restore.sh.
set -euo pipefail

url="${DATABASE_URL:-pglite:./.data/pglite}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

case "$url" in
  postgres://* | postgresql://*)
    out="${1:-backups/guardrail-$stamp.dump}"
    mkdir -p "$(dirname "$out")"
    # --no-owner/--no-privileges: the file restores under whatever role runs the restore.
    pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$out.partial" "$url"
    ;;
  pglite:*)
    dir="${url#pglite:}"
    [ -n "$dir" ] && [ "$dir" != "memory" ] || { echo "backup: $url is not a data folder" >&2; exit 2; }
    [ -d "$dir" ] || { echo "backup: $dir does not exist" >&2; exit 2; }
    out="${1:-backups/guardrail-$stamp.tar.gz}"
    mkdir -p "$(dirname "$out")"
    tar -czf "$out.partial" -C "$dir" .
    ;;
  *)
    echo "backup: unsupported DATABASE_URL (expected postgresql:// or pglite:<dir>)" >&2
    exit 2
    ;;
esac
# Only a complete file gets the final name, so a backup interrupted half-way is never mistaken for one.
mv "$out.partial" "$out"
echo "$out"
