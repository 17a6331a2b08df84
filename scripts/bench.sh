#!/usr/bin/env bash
# make bench: every benchmark in one run on this machine, printed as Markdown (copy into docs/performance.md).
#   1. Platform: authenticated GET /api/v1/me on haiquan (SQLite) vs a bare RESTinio "hello", wrk, 64 connections.
#   2. Module benchmarks (scripts/bench-*.sh) when present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=build-bench
cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHAIQUAN_BUILD_TESTS=OFF -DHAIQUAN_BUILD_BENCH=ON >/dev/null
ninja -C $build -j2
work=$(mktemp -d /tmp/haiquan-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
duration=${BENCH_SECONDS:-10}
threads=${BENCH_THREADS:-4}

wait_up() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server at $1 did not start" >&2; exit 1; }
# Prints "requests_per_second p99_ms" from wrk --latency output.
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v} END {printf "%.0f %.2f\n", rps, p99}'
}

echo "## Platform: authenticated JSON read vs bare RESTinio"
db="sqlite:$work/bench.db"
./$build/haiquan init --db "$db" --admin-password 'Quan-tri-2026!' >/dev/null
./$build/haiquan serve --db "$db" --port 18180 --address 127.0.0.1 --threads "$threads" --web "$work" >"$work/haiquan.log" 2>&1 &
pids+=($!)
./$build/bench/hello_restinio 18181 "$threads" >/dev/null 2>&1 &
pids+=($!)
wait_up http://127.0.0.1:18180/healthz
wait_up http://127.0.0.1:18181/
cookie=$(curl -s -i -X POST http://127.0.0.1:18180/api/v1/auth/login -H 'Content-Type: application/json' -d '{"username":"admin","password":"Quan-tri-2026!"}' \
  | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
wrk -t2 -c64 -d2s -H "Cookie: $cookie" http://127.0.0.1:18180/api/v1/me >/dev/null  # warm-up
read -r h_rps h_p99 < <(wrk -t2 -c64 -d"${duration}s" --latency -H "Cookie: $cookie" http://127.0.0.1:18180/api/v1/me | wrk_figures)
read -r b_rps b_p99 < <(wrk -t2 -c64 -d"${duration}s" --latency http://127.0.0.1:18181/ | wrk_figures)
ratio=$(awk -v a="$h_rps" -v b="$b_rps" 'BEGIN {printf "%.2f", a/b}')
echo
echo "| server | requests/s | p99 (ms) |"
echo "|---|---:|---:|"
echo "| haiquan GET /api/v1/me (session check, verified in SQLite at most every 5 s) | $h_rps | $h_p99 |"
echo "| bare RESTinio hello (same build, $threads threads) | $b_rps | $b_p99 |"
echo
echo "haiquan / bare throughput ratio: **$ratio** (target ≥ 0.5); p99 target < 20 ms."
echo "Command: \`wrk -t2 -c64 -d${duration}s --latency\` on $(nproc) cores, $(date -u +%Y-%m-%d)."
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
pids=()

for module_bench in scripts/bench-*.sh; do
  [ "$module_bench" = scripts/bench-lib.sh ] && continue  # sourced by the others
  [ -f "$module_bench" ] && BUILD_DIR=$build WORK_DIR=$work bash "$module_bench"
done
