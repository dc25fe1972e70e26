#!/usr/bin/env bash
# `npm test`: every check and test. On the embedded database by default; on PostgreSQL when TEST_DATABASE_URL
# is set (a server URL whose user may CREATE DATABASE). GUARDRAIL_TEST_REUSE=1 skips the database-independent
# steps (types, lint, schema check, build, the accessibility sweep e2e/a11y.spec.ts) when they already ran in this
# checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
db="embedded PGlite"; [ -n "${TEST_DATABASE_URL:-}" ] && db="PostgreSQL (${TEST_DATABASE_URL%%\?*})" && db="${db//:*@/:***@}"
t0=$SECONDS
stage() { echo; echo "=== $1 [$((SECONDS - t0)) s]"; }

if [ "${GUARDRAIL_TEST_REUSE:-0}" != "1" ]; then
  stage "Type check"; npx --no-install tsc --noEmit
  stage "Lint"; npx --no-install eslint . --max-warnings=0
  stage "Build"; npx --no-install next build
fi
stage "Unit and integration tests on $db"; npx --no-install vitest run
e2e_note=""; [ "${GUARDRAIL_TEST_REUSE:-0}" = "1" ] && e2e_note=" (the accessibility sweep ran in the first pass)"
stage "End-to-end tests in Chromium on $db$e2e_note"; npm run --silent test:e2e
stage "Audit chain of the end-to-end database after every journey, against its signed checkpoints"
npx --no-install tsx scripts/verify-audit.ts --e2e --checkpoints .data/e2e-checkpoints
stage "All tests passed on $db in $((SECONDS - t0)) s"
