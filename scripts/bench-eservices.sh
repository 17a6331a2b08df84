#!/usr/bin/env bash
# make bench, online public services (HQ36a), on SQLite and then PostgreSQL (a throw-away cluster):
#   1. submission over HTTP of dossiers of 3 signed 1 MB documents (POST /eservices/dossiers: base64, SHA-256,
#      CMS verification with chain, CRL and registered certificate, storage), ESERVICES_CLIENTS clients at
#      once, against inserting the same bytes without any check from as many threads into the same database
#      (bench/eservices_submit; target ≥ 0.5× of that, p99 < 150 ms);
#   2. the officer's inbox (GET /eservices/dossiers?open=true, as the inbox page asks) over 1,000,000
#      dossiers, and the pool (status=RECEIVED), overdue and every-status lists (target p99 < 50 ms);
#   3. a year's national statistics (GET /eservices/stats as the platform administrator, target < 1 s), for the
#      year to today and for the year to yesterday (a past period: what was in progress at its end is counted too).
# Two data shapes (bench/eservices_generate): "spread" (every Chi cục alike) and "busy" (02CI, the inbox
# officer's Chi cục, receives 30 % of the country's dossiers). Submission runs on the first shape's database.
# Prints a Markdown table (copy into docs/performance.md, section "Online public services (HQ36a)").
# Called by scripts/bench.sh with BUILD_DIR (Release build with bench targets) and WORK_DIR; alone:
#   BUILD_DIR=build-bench WORK_DIR=$(mktemp -d) bash scripts/bench-eservices.sh
# Knobs: ESERVICES_DOSSIERS (1000000), ESERVICES_SHAPES ("spread busy"), ESERVICES_BACKENDS ("sqlite postgresql"),
#        ESERVICES_CLIENTS (8), ESERVICES_SUBMISSIONS (160), ESERVICES_SECONDS (wrk run, 10),
#        ESERVICES_STATS_RUNS (5), ESERVICES_PG_PORT (55481).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bench_init eservices ESERVICES 55481 DOSSIERS=1000000 "SHAPES=spread busy" CLIENTS=8 SUBMISSIONS=160 SECONDS=10 \
  STATS_RUNS=5
password='Demo@2026haiquan'  # the demo accounts' (src/app/demo.h)

# wrk_run URL COOKIE → "p50_ms p99_ms requests_per_second non_2xx" (one client, back to back)
wrk_run() {
  wrk -t1 -c1 -d"${seconds}s" --timeout 30s --latency -H "Cookie: $2" "$1" | wrk_latency
}
# server_p99 LOG FIRST_LINE → p99 of the handling times (ms=) the server logged from that line on: the time
# spent in haiquan, without the client's own scheduling on a machine shared with other work.
server_p99() {
  tail -n +"$2" "$1" | grep -o ' ms=[0-9.]*' | cut -d= -f2 | sort -n |
    awk '{v[NR]=$1} END {i=int(NR*0.99); if (i < 1) i=1; printf "%.2f", v[i]}'
}
# inbox BASE QUERY COOKIE TARGET LOG → the table cell
inbox() {
  local url="$1/api/v1/eservices/dossiers?$2" p50 p99 rps bad total first
  total=$(curl -s -b "$3" "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null || echo '?')
  wrk_run "$url" "$3" >/dev/null  # warm-up
  first=$(( $(wc -l <"$5") + 1 ))
  read -r p50 p99 rps bad < <(wrk_run "$url" "$3")
  echo "$p99 ms${4:+ $(verdict "$p99" "$4")} (p50 $p50 ms, $rps req/s$(errors "$bad"); in the server p99 $(server_p99 "$5" "$first") ms; $total dossiers)"
}
# stats BASE COOKIE DAYS_BACK → "median_s max_s" of the national statistics for the 365 days ending DAYS_BACK days
# before today, run after run. Dates are Vietnam's (the server's calendar): a period ending before today also
# counts what was in progress at its end among the dossiers closed since (0 = the current period).
stats() {
  local end=$3 url times=()
  url="$1/api/v1/eservices/stats?from=$(TZ=Asia/Ho_Chi_Minh date -d "$((end + 364)) days ago" +%F)&to=$(TZ=Asia/Ho_Chi_Minh date -d "$end days ago" +%F)"
  curl -s -o /dev/null -b "$2" "$url"  # warm-up
  for _ in $(seq 1 "$stats_runs"); do times+=("$(curl -s -o "$work/stats.json" -w '%{http_code} %{time_total}' -b "$2" "$url")"); done
  printf '%s\n' "${times[@]}" | timings
}

declare -A cell
run_shape() {
  local backend=$1 shape=$2 db=$3 port=$4 dir="$work/$1-$2"
  mkdir -p "$dir"
  init_demo "$db" "$dir/init.log"
  local started=$SECONDS
  "$build/bench/eservices_generate" --db "$db" --dossiers "$dossiers" --shape "$shape" 2>"$dir/generate.log" ||
    { cat "$dir/generate.log" >&2; return 1; }
  cell[$backend-$shape,generate]="$(( SECONDS - started )) s"
  serve --db "$db" --port "$port" --threads 4 --web "$dir" >"$dir/server.log" 2>&1
  local base=http://127.0.0.1:$port officer admin enterprise csrf
  wait_up "$base/healthz"
  read -r officer _ < <(login "$base" 02ci.dvc.canbo "$password")
  read -r admin _ < <(login "$base" admin "$admin_password")
  cell[$backend-$shape,inbox]=$(inbox "$base" "open=true&page=1&page_size=20" "$officer" 50 "$dir/server.log")
  cell[$backend-$shape,pool]=$(inbox "$base" "status=RECEIVED&page=1&page_size=20" "$officer" 50 "$dir/server.log")
  cell[$backend-$shape,overdue]=$(inbox "$base" "overdue=true&page=1&page_size=20" "$officer" 50 "$dir/server.log")
  cell[$backend-$shape,all]=$(inbox "$base" "page=1&page_size=20" "$officer" "" "$dir/server.log")
  read -r median max bad < <(stats "$base" "$admin" 0)
  cell[$backend-$shape,stats]="$median s / $max s $(verdict "$max" 1)$(errors "$bad")"
  read -r median max bad < <(stats "$base" "$admin" 1)
  cell[$backend-$shape,stats_past]="$median s / $max s $(verdict "$max" 1)$(errors "$bad")"
  if [ "$shape" = "${shapes%% *}" ]; then  # submission on the first shape's database
    read -r enterprise csrf < <(login "$base" dn.thepvietsai "$password")
    local rate p50 p99 bad floor f50 f99 fbad
    read -r rate p50 p99 bad < <("$build/bench/eservices_submit" --db "$db" --mode http --port "$port" \
      --cookie "$enterprise" --csrf "$csrf" --clients "$clients" --dossiers "$submissions")
    read -r floor f50 f99 fbad < <("$build/bench/eservices_submit" --db "$db" --mode insert --clients "$clients" --dossiers "$submissions")
    read -r bytes b50 b99 bbad < <("$build/bench/eservices_submit" --db "$db" --mode insert-bytes --clients "$clients" --dossiers "$submissions")
    local ratio; ratio=$(awk -v a="$rate" -v b="$floor" 'BEGIN {printf "%.2f", (b > 0 ? a/b : 0)}')
    cell[$backend,submit]="$rate dossiers/s, p99 $p99 ms $(verdict "$p99" 150) (p50 $p50 ms$(errors "$bad"))"
    cell[$backend,floor]="$floor dossiers/s, p99 $f99 ms (p50 $f50 ms)"
    cell[$backend,bytes]="$bytes dossiers/s, p99 $b99 ms (p50 $b50 ms); submission / this: $(awk -v a="$rate" -v b="$bytes" 'BEGIN {printf "%.2f", (b > 0 ? a/b : 0)}')×"
    cell[$backend,ratio]="**$ratio×** $(awk -v r="$ratio" 'BEGIN {print (r >= 0.5) ? "pass" : "**FAIL**"}')"
  fi
  stop_server
}

names=()
for backend in $backends; do
  case $backend in
    sqlite)
      for shape in $shapes; do rm -f "$work/es-$shape.db"*; run_shape sqlite "$shape" "sqlite:$work/es-$shape.db" 18200; rm -f "$work/es-$shape.db"*; done
      names+=("SQLite") ;;
    postgresql)
      if url=$(pg_cluster start 2>"$work/pg.log"); then
        for shape in $shapes; do
          psql -q -X "$url" -c "CREATE DATABASE es_$shape" >/dev/null
          run_shape postgresql "$shape" "${url%/postgres}/es_$shape" 18201
          psql -q -X "$url" -c "DROP DATABASE es_$shape" >/dev/null
        done
      fi
      pg_stop
      names+=("PostgreSQL 15") ;;
  esac
done

echo
echo "## Online public services (HQ36a): $(thousands "$dossiers") dossiers"
echo
header="| measure | target |"; rule="|---|---|"
for n in "${names[@]}"; do header+=" $n |"; rule+="---|"; done
echo "$header"; echo "$rule"
row() {  # row KEY SUFFIX LABEL TARGET
  local line="| $3 | $4 |"
  for backend in $backends; do line+=" ${cell[$backend$2,$1]:-not run} |"; done
  echo "$line"
}
row submit "" "submission, \`POST /eservices/dossiers\`, 3 signed documents of 1 MB, $clients clients, $submissions dossiers" "p99 < 150 ms"
row floor "" "the same bytes inserted without checks, $clients threads, same database (bench_raw_documents)" "—"
row ratio "" "submission / insertion throughput" "≥ 0.5×"
row bytes "" "the documents' bytes inserted instead (BLOB / bytea, as stored since 0307), $clients threads" "—"
for shape in $shapes; do
  row generate "-$shape" "[$shape] data generation (\`eservices_generate --shape $shape\`, wall clock)" "minutes"
  row inbox "-$shape" "[$shape] officer inbox, open dossiers of 02CI (\`?open=true\`): p99" "< 50 ms"
  row pool "-$shape" "[$shape] pool to claim (\`?status=RECEIVED\`): p99" "< 50 ms"
  row overdue "-$shape" "[$shape] overdue (\`?overdue=true\`): p99" "< 50 ms"
  row all "-$shape" "[$shape] every status, most urgent first (no filter): p99" "—"
  row stats "-$shape" "[$shape] national statistics for the 365 days to today (\`GET /eservices/stats\`, admin), $stats_runs runs: median / max" "< 1 s"
  row stats_past "-$shape" "[$shape] national statistics for the 365 days to yesterday (a past period), $stats_runs runs: median / max" "< 1 s"
done
echo
echo "Command: \`make bench\` (scripts/bench-eservices.sh): bench/eservices_submit (keep-alive, one connection per client);"
echo "wrk -c1 -d${seconds}s --latency for the lists; haiquan serve --threads 4 (Release, access log on); $(nproc) cores, $(date -u +%Y-%m-%d)."
