#!/usr/bin/env bash
# Restores a file written by scripts/backup.sh into the database named by DATABASE_URL.
#   PostgreSQL: pg_restore into the (existing, e.g. freshly created) database. A database that already has
#   tables is refused unless --force, which drops and recreates the backed-up objects (--clean --if-exists).
#   PGlite: unpacks into the data folder, which must be absent or empty unless --force (then it is replaced).
#   Stop the app first.
# Usage: DATABASE_URL=… scripts/restore.sh [--force] <backup-file>
set -euo pipefail

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
file="${1:?usage: scripts/restore.sh [--force] <backup-file>}"
[ -f "$file" ] || { echo "restore: $file not found" >&2; exit 2; }
url="${DATABASE_URL:-pglite:./.data/pglite}"

case "$url" in
  postgres://* | postgresql://*)
    tables="$(psql "$url" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
    clean=()
    if [ "$tables" != "0" ]; then
      [ "$force" = 1 ] || { echo "restore: the target database has $tables tables; pass --force to replace them" >&2; exit 3; }
      clean=(--clean --if-exists)
    fi
    # One transaction: a restore that fails leaves the database as it was.
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" --dbname="$url" "$file"
    ;;
  pglite:*)
    dir="${url#pglite:}"
    [ -n "$dir" ] && [ "$dir" != "memory" ] || { echo "restore: $url is not a data folder" >&2; exit 2; }
    if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
      [ "$force" = 1 ] || { echo "restore: $dir is not empty; pass --force to replace it" >&2; exit 3; }
    fi
    # Unpack beside the target and swap, so a failed unpack never leaves half a data folder.
    tmp="$dir.restore-$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    tar -xzf "$file" -C "$tmp"
    rm -rf "$dir"
    mv "$tmp" "$dir"
    ;;
  *)
    echo "restore: unsupported DATABASE_URL (expected postgresql:// or pglite:<dir>)" >&2
    exit 2
    ;;
esac
echo "restored $file"
