#!/usr/bin/env bash
# make bench, audit (STQ02): loads 1,000,000 enterprises and 200,000 proposals (bench/audit_generate) and
# measures over HTTP, on SQLite and then on PostgreSQL (a throw-away cluster from scripts/pg-test.sh):
#   - name search without diacritics: GET /api/v1/audit/enterprises?q=… with varied fragments (p99 < 50 ms);
#   - duplicate check at proposal creation: POST /api/v1/audit/proposals with prepared search ids (p99 < 20 ms);
#   - the search-first step, GET /api/v1/audit/search?tax_code=… (no target; shown for context);
#   - national form 19 for the last full year, sequential requests (< 1 s);
#   - on the demo database alone (5 proposals), requests per second of the proposals list, the deadline board
#     and form 19 beside GET /api/v1/me: the work every request does that does not depend on the data.
# The wrk figures are taken twice: with one client sending requests back to back (the latency one user sees;
# the targets apply to it) and with AUDIT_CONNECTIONS clients at once (the server under load).
# Prints a Markdown table (copy into docs/performance.md, section "Audit (STQ02)").
# Called by scripts/bench.sh with BUILD_DIR (Release build with bench targets) and WORK_DIR; alone:
#   BUILD_DIR=build-bench WORK_DIR=$(mktemp -d) bash scripts/bench-audit.sh
# Knobs: AUDIT_ENTERPRISES (1000000), AUDIT_PROPOSALS (200000), AUDIT_SECONDS (wrk run, 10),
#        AUDIT_CONNECTIONS (clients of the load run, 4), AUDIT_FORM19_RUNS (10), AUDIT_BACKENDS ("sqlite postgresql"),
#        AUDIT_PG_PORT (55461), AUDIT_DEMO_ONLY (1: the demo-database rates only, no generated data).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bench_init audit AUDIT 55461 ENTERPRISES=1000000 PROPOSALS=200000 SECONDS=10 CONNECTIONS=4 FORM19_RUNS=10 DEMO_ONLY=0
password='Demo@2026haiquan'  # the demo accounts' (src/app/demo.h)
year=$(( $(date +%Y) - 1 ))

# wrk_run CLIENTS BASE MODE FILE HEADER… → "p50_ms p99_ms requests_per_second non_2xx"
wrk_run() {
  local clients=$1 base=$2 mode=$3 file=$4; shift 4
  local headers=()
  for h in "$@"; do headers+=(-H "$h"); done
  wrk -t"$(( clients < 2 ? 1 : 2 ))" -c"$clients" -d"${seconds}s" --timeout 30s --latency "${headers[@]}" \
    -s bench/audit_wrk.lua "$base" -- "$mode" "$file" | wrk_latency
}

# form19 BASE COOKIE → "median_s max_s audits": the national report for the last full year, run after run.
form19() {
  local url="$1/api/v1/audit/reports/form19?unit=00&from=$year-01-01&to=$year-12-31" times=()
  for _ in $(seq 1 "$form19_runs"); do
    times+=("$(curl -s -o "$work/form19.json" -w '%{http_code} %{time_total}' -b "$2" "$url")")
  done
  local audits
  audits=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"]["audits"])' "$work/form19.json" 2>/dev/null || echo '?')
  printf '%s\n' "${times[@]}" | timings | awk -v audits="$audits" '{print $1, $2, audits, $3}'
}

# measure TARGET_MS BASE MODE FILE HEADER… → the table cell: one client (against the target), then the load run.
measure() {
  local target=$1; shift
  local p50 p99 rps bad l50 l99 lrps lbad
  read -r p50 p99 rps bad < <(wrk_run 1 "$@")
  read -r l50 l99 lrps lbad < <(wrk_run "$connections" "$@")
  local verdict_text=""
  [ -n "$target" ] && verdict_text=" $(verdict "$p99" "$target")"
  echo "$p99 ms$verdict_text (p50 $p50 ms$(errors "$bad")); $connections clients: $l99 ms (p50 $l50 ms, $lrps req/s$(errors "$lbad"))"
}

# rate BASE PATH COOKIE → requests per second with $connections clients (wrk, no script).
rate() {
  wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $3" "$1$2" |
    awk '/Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$5} END {printf "%.0f%s\n", rps, (bad ? " (" bad " non-2xx)" : "")}'
}

declare -A cell
# The demo database (5 proposals): per-request work that does not depend on the data.
demo_rates() {
  local backend=$1 db=$2 port=$3 dir=$4
  serve --db "$db" --port "$port" --threads 4 --web "$dir" >"$dir/server-demo.log" 2>&1
  local base=http://127.0.0.1:$port officer
  wait_up "$base/healthz"
  read -r officer _ < <(login "$base" 02ci.canbo)
  rate "$base" /api/v1/me "$officer" >/dev/null  # warm-up
  cell[$backend,demo_me]=$(rate "$base" /api/v1/me "$officer")
  cell[$backend,demo_proposals]=$(rate "$base" /api/v1/audit/proposals "$officer")
  cell[$backend,demo_deadlines]=$(rate "$base" /api/v1/audit/deadlines "$officer")
  cell[$backend,demo_form19]=$(rate "$base" /api/v1/audit/reports/form19 "$officer")
  stop_server
}

run_backend() {
  local backend=$1 db=$2 port=$3 dir="$work/$1"
  mkdir -p "$dir"
  init_demo "$db" "$dir/init.log"
  demo_rates "$backend" "$db" "$port" "$dir"
  [ "$demo_only" = 1 ] && return 0
  local started=$SECONDS
  "$build/bench/audit_generate" --db "$db" --enterprises "$enterprises" --proposals "$proposals" --out "$dir" \
    2>"$dir/generate.log" || { cat "$dir/generate.log" >&2; return 1; }
  cell[$backend,generate]="$(( SECONDS - started )) s"
  serve --db "$db" --port "$port" --threads 4 --web "$dir" >"$dir/server.log" 2>&1
  local base=http://127.0.0.1:$port
  wait_up "$base/healthz"
  local officer department
  read -r officer officer_csrf < <(login "$base" 02ci.canbo)
  read -r department _ < <(login "$base" ktstq.canbo)
  local cookie="Cookie: $officer"
  # The server loads the in-process name index (src/audit/name_search.h) in the background when it starts;
  # searches use SQL until then. Measure once it is ready (its log line gives the load time).
  for _ in $(seq 1 600); do grep -q 'audit name index ready' "$dir/server.log" && break; sleep 0.1; done
  cell[$backend,first]=$(grep -o 'audit name index ready: [^"]*' "$dir/server.log" | head -1 | sed 's/.*, //')
  wrk_run "$connections" "$base" names "$dir/name_queries.txt" "$cookie" >/dev/null  # warm-up
  cell[$backend,names]=$(measure 50 "$base" names "$dir/name_queries.txt" "$cookie")
  cell[$backend,search]=$(measure "" "$base" search "$dir/proposal_searches.txt" "$cookie")
  cell[$backend,propose]=$(measure 20 "$base" propose "$dir/proposal_searches.txt" "$cookie" "X-CSRF-Token: $officer_csrf")
  read -r median max audits bad < <(form19 "$base" "$department")
  cell[$backend,form19]="$median s / $max s $(verdict "$max" 1) ($audits audits$(errors "$bad"))"
  stop_server
}

names=()
for backend in $backends; do
  case $backend in
    sqlite) run_backend sqlite "sqlite:$work/audit.db" 18190; names+=("SQLite") ;;
    postgresql)
      if url=$(pg_cluster start 2>"$work/pg.log"); then
        run_backend postgresql "$url" 18191
      else
        for k in generate first names search propose form19; do cell[postgresql,$k]="not run: PostgreSQL did not start"; done
      fi
      pg_stop
      names+=("PostgreSQL 15") ;;
  esac
done

echo
echo "## Audit (STQ02): $(thousands "$enterprises") enterprises, $(thousands "$proposals") proposals"
echo
header="| measure | target |"; rule="|---|---|"
for n in "${names[@]}"; do header+=" $n |"; rule+="---|"; done
echo "$header"; echo "$rule"
row() {
  local line="| $2 | $3 |"
  for backend in $backends; do line+=" ${cell[$backend,$1]:-} |"; done
  echo "$line"
}
row generate "data generation (\`audit_generate\`, wall clock)" "minutes"
row first "loading the in-process name index at server start (in the background; SQL serves searches meanwhile)" "—"
row names "name search without diacritics, \`GET /audit/enterprises?q=cong+ty+thep\` and 2,000 other fragments: p99" "< 50 ms"
row propose "duplicate check at proposal creation, \`POST /audit/proposals\` (prepared search ids): p99" "< 20 ms"
row search "search first, \`GET /audit/search?tax_code=…\` (records the search): p99" "—"
row form19 "national form 19 for $year (\`unit=00\`), $form19_runs sequential requests: median / max" "< 1 s"
row demo_me "demo database (5 proposals), $connections clients: \`GET /me\` (req/s; the reference)" "—"
row demo_proposals "demo database: \`GET /audit/proposals\` (req/s)" "—"
row demo_deadlines "demo database: \`GET /audit/deadlines\` (req/s)" "—"
row demo_form19 "demo database: \`GET /audit/reports/form19\` (req/s)" "—"
echo
echo "Command: \`make bench\` (scripts/bench-audit.sh): wrk -c1 and -c$connections, -d${seconds}s --latency, with"
echo "bench/audit_wrk.lua; haiquan serve --threads 4 (Release, access log on); $(nproc) cores, $(date -u +%Y-%m-%d)."
