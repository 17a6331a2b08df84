#!/usr/bin/env bash
# Server CPU per 1,000 ingested events, binaries side by side (robust to other processes' load, unlike events/s):
#   scripts/bench-monitor-cpu.sh [ROUNDS] BIN_A BIN_B ...
# Each round runs every binary in turn on a fresh SQLite database (haiquan init + demo), serve --threads 2,
# warm-up of 5,000 events, then MONITOR_EVENTS (default 30,000) events in batches of 1,000 from one agent
# (bench/monitor_ingest.py); the server's utime+stime (/proc/PID/stat) over that run is its CPU.
set -euo pipefail
rounds=2
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
events=${MONITOR_EVENTS:-30000}
port=${MONITOR_PORT:-18096}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=""
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
for round in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    db="sqlite:$work/r$round-$(basename "$bin").db"
    "$bin" init --db "$db" --admin-password 'Quan-tri-2026!' >/dev/null
    "$bin" demo --db "$db" >/dev/null 2>&1
    "$bin" serve --db "$db" --port "$port" --address 127.0.0.1 --threads 2 --no-access-log --web "$work" \
      >>"$work/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
    python3 bench/monitor_ingest.py --url "http://127.0.0.1:$port" --token hqa_demo-agent-02CI --events 5000 >/dev/null
    before=$(ticks $pid)
    out=$(python3 bench/monitor_ingest.py --url "http://127.0.0.1:$port" --token hqa_demo-agent-02CI --events "$events")
    after=$(ticks $pid)
    kill $pid; wait $pid 2>/dev/null || true
    rate=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events_per_second"])')
    cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$events" 'BEGIN { printf "%.1f", t * 1000 * 1000 / hz / n }')
    echo "round $round $(basename "$bin"): $rate events/s, server CPU $cpu ms per 1,000 events, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
