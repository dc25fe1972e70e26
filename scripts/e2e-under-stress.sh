#!/usr/bin/env bash
# `npm run test:e2e:stress`: the whole Playwright suite N times in a row (default 3, E2E_STRESS_RUNS) while
# `stress-ng --cpu 1` keeps one core busy, on the database the e2e run is configured for (PGlite by default;
# TEST_DATABASE_URL or E2E_DATABASE_URL for PostgreSQL, as in `npm test`). Retries are forced off, so a test that
# would only pass on a second attempt counts as a failure. After each run the e2e database's audit chain is
# verified against its signed checkpoints, as `npm test` does. Prints one line per run (commit, duration, passed,
# failed, flaky, skipped, load average) and exits 1 if any run had a failure, a flake or a skipped test.
# Needs a production build (`NEXT_TELEMETRY_DISABLED=1 npx next build`) and stress-ng (`apt-get install -y stress-ng`).
# Extra arguments go to `playwright test` (e.g. a spec file to hammer one journey).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

runs="${E2E_STRESS_RUNS:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "E2E_STRESS_RUNS must be a positive integer (got '$runs')." >&2; exit 2; }
command -v stress-ng >/dev/null || { echo "stress-ng is missing: apt-get install -y stress-ng" >&2; exit 2; }
dist="${NEXT_DIST_DIR:-.next}"
[ -f "$dist/BUILD_ID" ] || { echo "No production build in $dist/. Build first: NEXT_TELEMETRY_DISABLED=1 npx next build" >&2; exit 2; }

out=".data/e2e-stress/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
db="embedded PGlite"
url="${E2E_DATABASE_URL:-${TEST_DATABASE_URL:-}}"
[ -n "$url" ] && db="PostgreSQL ($(sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"${url%%\?*}"))"
# The commit each run tests, read again per run (the tree may change between runs).
commit_now() {
  local c; c="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git diff --quiet HEAD 2>/dev/null || c="$c+uncommitted"
  echo "$c"
}
commit="$(commit_now)"

stress_pid=""
sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  # stress-ng's parent forwards the signal to its worker and reaps it.
  [ -n "$stress_pid" ] && kill "$stress_pid" 2>/dev/null && wait "$stress_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stress-ng --cpu 1 --timeout 0 --quiet &
stress_pid=$!
# One-minute load average every 10 s, for the summary.
(while :; do cut -d' ' -f1 /proc/loadavg >>"$out/load.txt"; sleep 10; done) &
sampler_pid=$!
echo "e2e under stress: $runs run(s) on $db, commit $commit, stress-ng --cpu 1 (pid $stress_pid), $(nproc) cores; logs in $out"

# Reads Playwright's JSON report and prints "passed failed flaky skipped tests".
counts() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.stats ?? {};
    const n = (s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0);
    console.log([s.expected ?? 0, s.unexpected ?? 0, s.flaky ?? 0, s.skipped ?? 0, n].join(" "));
  ' "$1" 2>/dev/null || echo "0 0 0 0 0"
}
# Mean and max of the load samples from line $1 on.
load_since() {
  awk -v from="$1" 'NR >= from { s += $1; n++; if ($1 > m) m = $1 } END { if (n) printf "load avg mean %.1f, max %.1f", s / n, m; else printf "load n/a" }' "$out/load.txt" 2>/dev/null
}

bad=0
summary=()
for i in $(seq 1 "$runs"); do
  from=$(( $(wc -l <"$out/load.txt" 2>/dev/null || echo 0) + 1 ))
  commit="$(commit_now)"
  t0=$SECONDS
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/run-$i.json" npm run --silent test:e2e -- --retries=0 --reporter=list,json "$@" \
    >"$out/run-$i.log" 2>&1
  rc=$?
  audit="audit chain ok"
  if [ $rc -eq 0 ]; then
    npx --no-install tsx scripts/verify-audit.ts --e2e --checkpoints .data/e2e-checkpoints >>"$out/run-$i.log" 2>&1 \
      || { audit="AUDIT CHAIN FAILED"; rc=1; }
  else
    audit="audit chain not checked"
  fi
  secs=$((SECONDS - t0))
  read -r passed failed flaky skipped total < <(counts "$out/run-$i.json")
  line="run $i/$runs: commit $commit, ${secs} s, $total tests: $passed passed, $failed failed, $flaky flaky, $skipped skipped (exit $rc, $audit), $(load_since "$from")"
  echo "$line"
  summary+=("$line")
  if [ $rc -ne 0 ] || [ "$failed" -ne 0 ] || [ "$flaky" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$total" -eq 0 ]; then
    bad=1
    grep -E "^\s+[0-9]+\) |✘|Error:" "$out/run-$i.log" | head -40
  fi
done

printf '%s\n' "on $db, $(nproc) cores, stress-ng --cpu 1" "${summary[@]}" >"$out/summary.txt"
if [ $bad -ne 0 ]; then
  echo "e2e under stress: FAILED (a failure, flake or skip in at least one run; see $out)"
  exit 1
fi
echo "e2e under stress: all $runs run(s) passed with no failure, flake or skip"
