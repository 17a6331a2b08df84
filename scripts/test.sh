#!/usr/bin/env bash
# Runs every test: unit and API tests on SQLite and on a throw-away PostgreSQL 15 cluster (ctest), the
# browser tests (Playwright in Debian's Chromium) against a real server, and a short fuzzing run.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "== System headers of the build and their Debian packages"
scripts/check-header-packages.sh "$build"
# Its own cluster, so a developer's cluster on the default port is left alone.
export HAIQUAN_PG_DIR=${HAIQUAN_PG_DIR:-/tmp/haiquan-pg-make-test} HAIQUAN_PG_PORT=${HAIQUAN_PG_PORT:-55433}
pg_url=$(scripts/pg-test.sh start)
server_pid=""
work=$(mktemp -d /tmp/haiquan-test.XXXXXX)
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  scripts/pg-test.sh stop
  rm -rf "$work"
}
trap cleanup EXIT

echo "== C++ unit and API tests (SQLite and PostgreSQL: $pg_url)"
# A test that fails is run once more (as Playwright does below) and named as flaky at the end of this part; one
# that fails twice fails the run, and its failed checks are printed last, so that a log read from its end names them.
if ! HAIQUAN_TEST_PG="$pg_url" HAIQUAN_REQUIRE_PG=1 ctest --test-dir "$build" -j2 --output-on-failure --timeout 600 \
  --repeat until-pass:2 | tee "$work/ctest.log"; then
  echo "== Failed C++ checks"
  sed 's/\x1b\[[0-9;]*m//g' "$work/ctest.log" | grep -E -A4 ': Failure$|^\[  FAILED  \]' | grep -v '^\[20' | tail -80
  echo "== Failed C++ tests"
  sed -n '/The following tests FAILED/,$p' "$work/ctest.log"
  exit 1
fi
flaky=$(sed 's/\x1b\[[0-9;]*m//g' "$work/ctest.log" | grep -oE 'Test +#[0-9]+: [^ ]+ .*\*\*\*(Failed|Timeout|Exception)' \
  | sed -E 's/^Test +#[0-9]+: ([^ ]+).*/\1/' | sort -u || true)
if [ -n "$flaky" ]; then echo "== Flaky C++ tests (failed once, passed when run again)"; echo "$flaky"; fi
# Counts for the closing line: strip colours, find each runner's own summary, take its first number.
count() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -oE "$2" | tail -1 | grep -oE '[0-9]+' | head -1; }
passed=$(count "$work/ctest.log" 'out of [0-9]+')

echo "== Fuzzing (short run)"
bash scripts/fuzz.sh 15

if [ -f web/package.json ]; then
  echo "== Web unit tests (Vitest)"
  (cd web && npm test) | tee "$work/vitest.log"
  passed=$((passed + $(count "$work/vitest.log" 'Tests +[0-9]+ passed')))
  echo "== Browser tests (Playwright, Debian chromium)"
  db="sqlite:$work/e2e.db"
  ./"$build"/haiquan init --db "$db" --admin-password 'Quan-tri-2026!' >/dev/null
  ./"$build"/haiquan demo --db "$db" >/dev/null
  ./"$build"/haiquan serve --db "$db" --port 18080 --address 127.0.0.1 --web web/dist --insecure-cookies >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 50); do curl -sf http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.2; done
  if ! (cd web && HAIQUAN_URL=http://127.0.0.1:18080 npm run e2e) | tee "$work/e2e.log"; then
    echo "== The server's last lines"
    tail -50 "$work/server.log"
    # Last, so that a log read from its end (CI keeps the tail) names the failed tests and their errors.
    echo "== Failed browser tests"
    sed 's/\x1b\[[0-9;]*m//g' "$work/e2e.log" | grep -E '^ +[0-9]+\) |Error:|Expected|Received|Timeout|exceeded|[0-9]+ (failed|flaky|passed)' | tail -60
    exit 1
  fi
  passed=$((passed + $(count "$work/e2e.log" '[0-9]+ passed \(')))
fi
echo "All tests passed (C++ unit and API tests on SQLite and PostgreSQL, web unit tests, browser tests)."
echo "$passed passed, 0 failed"
