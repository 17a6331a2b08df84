#!/usr/bin/env bash
# The operations history (GET /api/v1/monitor/operations) over a large ledger, binaries side by side:
#   BUILD_DIR=build WORK_DIR=/tmp/x [MONITOR_LEDGER=10000000] [MONITOR_BACKENDS="sqlite postgresql"] \
#     bash scripts/bench-monitor-history.sh [BIN…]        (BIN… default: $BUILD_DIR/haiquan)
# Per backend, the first binary makes a database (init + demo) and the ledger is generated into it once
# (scripts/monitor-ledger.sh: MONITOR_LEDGER operations over 30 days, ANALYZE); each other binary gets a copy
# (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE) brought to its own schema by its `haiquan migrate`
# (timed: new indexes are built then). Each binary then serves its copy and every query shape below is asked
# MONITOR_REQUESTS times (bench/monitor_bench.py history): p50 / p99 in ms, as the admin (the widest scope),
# the Cục viewer 02.giamsat and the Chi cục viewer 02ci.giamsat of the demo.
# The shape `deep_keyset` (page 400 by `cursor`) needs a binary with keyset paging; others print "—".
# A binary is named by its directory in the table: pass copies such as /tmp/b/before/haiquan /tmp/b/after/haiquan.
# MONITOR_PG_URL=postgresql://…/postgres reuses a running cluster whose database history0 already holds the ledger
# (made by an earlier run, kept; 10M operations take 400 s to generate): no generation, the copies made again.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bench_init monitor-history MONITOR 55472 LEDGER=1000000 REQUESTS=50 PORT=18191
password=$admin_password
base=http://127.0.0.1:$port
source "$(dirname "$0")/monitor-ledger.sh"
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$build/haiquan")

day=$(( ($(date +%s) + 25200) / 86400 * 86400 - 25200 ))
from=$(date -u -d "@$((day - 10 * 86400 + 25200))" +%Y-%m-%d)
to=$(date -u -d "@$((day - 9 * 86400 + 25200))" +%Y-%m-%d)
shapes=(
  "all=admin:page_size=20"
  "system=admin:system=EDATA&page_size=20"
  "system_op=admin:system=EDATA&op=RECEIVE&page_size=20"
  "op=admin:op=UPDATE&page_size=20"
  "unit=admin:unit=02CI&page_size=20"
  "batch=admin:batch=gen-4321&page_size=20"
  "system_day=admin:system=SLXNK&from=$from&to=$to&page_size=20"
  "deep_offset=admin:system=EDATA&op=RECEIVE&page_size=20&page=400"
  "deep_keyset=admin:system=EDATA&op=RECEIVE&page_size=20&cursor=DEEP"
  "cuc=02.giamsat:page_size=20"
  "cuc_system=02.giamsat:system=SLXNK&page_size=20"
  "chicuc=02ci.giamsat:page_size=20"
  "chicuc_system_op=02ci.giamsat:system=QLRR&op=RECEIVE&page_size=20"
)
names=()
for s in "${shapes[@]}"; do names+=("${s%%=*}"); done

echo
echo "## Operations history, $(thousands "$ledger") generated operations ($(date -u +%Y-%m-%d))"
for backend in $backends; do
  results=()
  migrate_times=()
  for i in "${!bins[@]}"; do
    bin=${bins[$i]}
    if [ "$backend" = sqlite ]; then
      db="sqlite:$work/history-$i.db"
      target=$work/history-$i.db
      if [ "$i" = 0 ]; then
        rm -f "$work"/history-*.db*
        "$bin" init --db "$db" --admin-password "$password" >"$work/init.log" 2>&1; "$bin" demo --db "$db" >>"$work/init.log" 2>&1
        t0=$(date +%s); fill_ledger "$target"; fill_seconds=$(( $(date +%s) - t0 ))
      else
        cp "$work/history-0.db" "$target"
      fi
    else
      if [ "$i" = 0 ] && [ -n "${MONITOR_PG_URL:-}" ]; then
        admin_url=$MONITOR_PG_URL
        db=${admin_url%/*}/history0
        target=$db
        fill_seconds="an earlier run; reused"
      elif [ "$i" = 0 ]; then
        pg_stop
        admin_url=$(pg_cluster start | tail -1)
        psql -q "$admin_url" -c "CREATE DATABASE history0" >/dev/null
        db=${admin_url%/*}/history0
        target=$db
        "$bin" init --db "$db" --admin-password "$password" >"$work/init.log" 2>&1; "$bin" demo --db "$db" >>"$work/init.log" 2>&1
        t0=$(date +%s); fill_ledger "$target"; fill_seconds=$(( $(date +%s) - t0 ))
      else
        psql -q "$admin_url" -c "DROP DATABASE IF EXISTS history$i" -c "CREATE DATABASE history$i TEMPLATE history0" >/dev/null
        db=${admin_url%/*}/history$i
        target=$db
      fi
    fi
    t0=$(date +%s.%N)
    "$bin" migrate --db "$db" >>"$work/init.log" 2>&1
    migrate_times+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')")
    "$bin" serve --db "$db" --port "$port" --address 127.0.0.1 --threads 2 --no-access-log --web "$work" \
      >>"$work/serve.log" 2>&1 &
    server_pid=$!
    wait_up "$base/healthz"
    args=()
    for s in "${shapes[@]}"; do args+=(--shape "$s"); done
    if ! out=$(python3 bench/monitor_bench.py history --url "$base" --password "$password" --requests "$requests" "${args[@]}" 2>&1); then
      # A binary without keyset paging: without the deep_keyset shape.
      args=()
      for s in "${shapes[@]}"; do [ "${s%%=*}" = deep_keyset ] || args+=(--shape "$s"); done
      out=$(python3 bench/monitor_bench.py history --url "$base" --password "$password" --requests "$requests" "${args[@]}")
    fi
    results+=("$out")
    stop_server
  done
  total=$(if [ "$backend" = sqlite ]; then sqlite3 "$work/history-0.db" "SELECT COUNT(*) FROM monitor_operations"
          else psql -qAt "${admin_url%/*}/history0" -c "SELECT COUNT(*) FROM monitor_operations"; fi)
  echo
  echo "### $backend: $(thousands "$total") operations (generated in ${fill_seconds} s), $requests requests a shape, one client"
  echo
  header="| shape (user: query) |"; rule="|---|"
  for i in "${!bins[@]}"; do header+=" $(basename "$(dirname "${bins[$i]}")") p50 / p99 (ms) |"; rule+="---:|"; done
  [ ${#bins[@]} -gt 1 ] && { header+=" p99 ratio, first / last |"; rule+="---:|"; }
  echo "$header"; echo "$rule"
  for s in "${shapes[@]}"; do
    name=${s%%=*}
    line="| $name (${s#*=}) |"
    first=""; last=""
    for out in "${results[@]}"; do
      cell=$(echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); s=d.get('$name'); print(f\"{s['p50_ms']} / {s['p99_ms']} (total {s['total']})\" if s else '—')")
      p99=$(echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); s=d.get('$name'); print(s['p99_ms'] if s else '')")
      [ -z "$first" ] && first=$p99
      last=$p99
      line+=" $cell |"
    done
    if [ ${#bins[@]} -gt 1 ]; then
      line+=" $(awk -v a="$first" -v b="$last" 'BEGIN {if (a == "" || b == "" || b == 0) print "—"; else printf "%.1f×", a / b}') |"
    fi
    echo "$line"
  done
  echo
  echo "Migration time per binary on the copy (new indexes built): ${migrate_times[*]} s."
  if [ "$backend" = postgresql ] && [ -z "${MONITOR_PG_URL:-}" ]; then pg_stop; fi
done
echo
echo "Command: \`BUILD_DIR=$build WORK_DIR=… MONITOR_LEDGER=$ledger MONITOR_BACKENDS=\"$backends\" MONITOR_REQUESTS=$requests bash scripts/bench-monitor-history.sh ${bins[*]}\`, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
