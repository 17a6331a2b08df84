#!/usr/bin/env bash
# make bench, audit risk selection (QLRR): a generated declarations extract (bench/risk_generate) imported with
# `haiquan audit import-declarations`, then a national run with the seven indicators computed in C++ over
# columns loaded once (bench/risk_run: load, compute, store the candidates) side by side with PostgreSQL
# computing the same indicators in SQL only (the same list is checked). SQLite and PostgreSQL.
# Prints a Markdown table (copy into docs/performance.md, section "Audit risk selection").
# Called by scripts/bench.sh with BUILD_DIR (Release build with bench targets) and WORK_DIR; alone:
#   BUILD_DIR=build-bench WORK_DIR=$(mktemp -d) bash scripts/bench-risk.sh
# Knobs: RISK_LINES (2000000; the issue's full size is 20000000), RISK_ENTERPRISES (100000; full 1000000),
#        RISK_SHAPES ("skewed uniform"), RISK_BACKENDS ("sqlite postgresql"), RISK_PG_PORT (55462).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bench_init risk RISK 55462 LINES=2000000 ENTERPRISES=100000 "SHAPES=skewed uniform"
cleanup() { bench_cleanup; rm -rf "$work"; }
trap cleanup EXIT

to=$(date -u +%Y-%m-%d)
from=$(date -u -d "$to - 364 days" +%Y-%m-%d)
pg_url=""
if [[ " $backends " == *" postgresql "* ]]; then
  pg_url=$(pg_cluster start | tail -1)
fi

echo "## Audit risk selection (QLRR): import and national run"
echo
echo "Load before: $(uptime | sed 's/.*load average/load average/')"
echo
echo "| shape | backend | lines | import (s) | lines/s | import CPU user + sys (s) | import peak RSS (MiB) | run C++: load + compute (s) | store candidates (s) | SQL reference (s) | C++ / SQL | enterprises | candidates | same list | run peak RSS (MiB) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for shape in $shapes; do
  extract="$work/extract-$shape.csv"
  ./$build/bench/risk_generate --lines "$lines" --enterprises "$enterprises" --to "$to" --shape "$shape" > "$extract"
  for backend in $backends; do
    if [ "$backend" = sqlite ]; then
      db="sqlite:$work/risk-$shape.db"
      rm -f "$work/risk-$shape.db"
    else
      name="risk_${shape}_$$"
      psql "$pg_url" -qc "CREATE DATABASE $name" >/dev/null
      db="${pg_url%/*}/$name"
    fi
    ./$build/haiquan init --db "$db" --admin-password "$admin_password" >/dev/null
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$work/import.time" ./$build/haiquan audit import-declarations "$extract" --db "$db" >/dev/null 2>&1
    end=$(date +%s.%N)
    import_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b-a}')
    rate=$(awk -v n="$lines" -v s="$import_s" 'BEGIN {printf "%.0f", n/s}')
    read -r user sys rss < "$work/import.time"
    import_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f + %.1f", u, s}')
    reference=""
    # What autovacuum does after a bulk load (not timed): without it the C++ run, which reads first, would pay
    # for setting every row's hint bits and the SQL after it would not.
    [ "$backend" = postgresql ] && psql "$db" -qc "VACUUM ANALYZE audit_declaration_lines" >/dev/null
    [ "$backend" = postgresql ] && reference=--reference
    out=$(./$build/bench/risk_run --db "$db" --from "$from" --to "$to" $reference)
    get() { echo "$out" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
    cpp=$(get cpp_seconds); store=$(get store_seconds); sql=$(get sql_seconds)
    ratio="–"; [ -n "$sql" ] && ratio=$(awk -v a="$sql" -v b="$cpp" -v c="$store" 'BEGIN {printf "%.1f×", a/(b+c)}')
    echo "| $shape | $backend | $lines | $import_s | $rate | $import_cpu | $((rss / 1024)) | $cpp | $store | ${sql:-–} | $ratio | $(get enterprises) | $(get candidates) | $(get same) | $(get max_rss_mib) |"
    [ "$backend" = sqlite ] && rm -f "$work/risk-$shape.db"*
    [ "$backend" = postgresql ] && psql "$pg_url" -qc "DROP DATABASE $name" >/dev/null
  done
  rm -f "$extract"
done
echo
echo "Load after: $(uptime | sed 's/.*load average/load average/')"
echo
echo "Extract: $lines lines over $enterprises enterprises and two years; run: $from … $to, national, seven indicators."
echo "Commands: \`RISK_LINES=$lines RISK_ENTERPRISES=$enterprises BUILD_DIR=… WORK_DIR=… bash scripts/bench-risk.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d)."
