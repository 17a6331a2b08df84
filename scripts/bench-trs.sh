#!/usr/bin/env bash
# make bench, trs (time release study): 1,000,000 generated declarations (bench/trs_generate, 1 % bad rows) in
# each data shape of TRS_SHAPES (default "bench field": the canonical file, and the field export of issue 12 §4 —
# times `YYYY-MM-DD HH:MM`, 8 % of records with a negative or out-of-order interval, Vietnamese free text).
#   1. `haiquan trs analyze --format json` on the CSV (read + every statistic), under /usr/bin/time -v;
#   2. PostgreSQL doing comparable work end to end: COPY the CSV into a table, then one query computing
#      percentile_cont medians and p90 of T2 by channel and by branch (a throw-away cluster, scripts/pg-test.sh);
#      1 and 2 alternate TRS_RUNS times per shape, and the medians are compared (target ≥ 5× on every shape);
#   3. the stored study (first shape): `haiquan trs import` of the same file into SQLite (and PostgreSQL), then
#      `haiquan trs report` over the 1,000,000 stored records — the report kept ready by the import (target
#      < 3 s) and, for comparison, `--fresh` (computed again from the records).
# Prints Markdown (copy into docs/performance.md, section "Time release study").
# Called by scripts/bench.sh with BUILD_DIR (Release build with bench targets) and WORK_DIR; alone:
#   BUILD_DIR=build-bench WORK_DIR=$(mktemp -d) bash scripts/bench-trs.sh
# Knobs: TRS_ROWS (1000000), TRS_RUNS (5), TRS_SHAPES ("bench field"), TRS_BACKENDS for the stored study
# ("sqlite postgresql"; empty: none), TRS_PG_PORT (55471).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
bench_init trs TRS 55471
if [ "${TRS_BACKENDS+set}" = set ]; then backends=$TRS_BACKENDS; fi  # an empty TRS_BACKENDS= skips the stored study
rows=${TRS_ROWS:-1000000}
chmod o+x "$(dirname "$work")"; chmod 755 "$work"  # the cluster's owner (postgres, when run as root) reads the CSV for COPY … FROM

haiquan=$build/haiquan
shapes=${TRS_SHAPES:-bench field}

# timed OUT_PREFIX CMD… → runs CMD under /usr/bin/time -v; prints "wall_seconds peak_rss_mb"
timed() {
  local log=$1; shift
  /usr/bin/time -v "$@" >"$log.out" 2>"$log.time" || { tail -5 "$log.time" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, p, ":"); s=0; for (i=1; i<=n; i++) s=s*60+p[i]; wall=s}
              /Maximum resident set size/ {rss=$2/1024}
              END {printf "%.2f %.0f\n", wall, rss}' "$log.time"
}
rate() { awk -v n="$rows" -v s="$1" 'BEGIN {printf "%.0f", (s > 0 ? n/s : 0)}'; }

runs=${TRS_RUNS:-5}  # each side runs this many times, alternating; the medians are compared
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# ---- 1. trs analyze (timed in the loop below, alternating with PostgreSQL)
analyze_once() {
  read -r a_wall a_rss < <(timed "$work/analyze" "$haiquan" trs analyze --format json --input "$csv"); a_walls+=("$a_wall")
  # CPU time (user + system): steadier than the wall time when the machine is shared
  a_cpus+=("$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$work/analyze.time")")
}

# ---- 2. PostgreSQL: COPY + one percentile query
pg_url=$(pg_cluster start 2>"$work/pg.log")
header=$("$build/bench/trs_generate" 0)
columns=$(echo "$header" | tr ',' '\n' | sed 's/$/ text/' | paste -sd, -)
psql -q -X "$pg_url" -c "DROP TABLE IF EXISTS trs_bench; CREATE UNLOGGED TABLE trs_bench ($columns);" >/dev/null
cat >"$work/pg.sql" <<SQL
\\timing on
COPY trs_bench FROM '$work/current.csv' WITH (FORMAT csv, HEADER true);
WITH t AS (
  SELECT CASE WHEN channel IN ('GREEN','YELLOW','RED') THEN channel ELSE 'UNKNOWN' END AS channel, branch_code, flow,
         EXTRACT(EPOCH FROM (CASE WHEN released_at ~ '^[0-9]{4}-' THEN released_at::timestamp END)
                          - (CASE WHEN registered_at ~ '^[0-9]{4}-' THEN registered_at::timestamp END))::float8 / 3600 AS h
  FROM trs_bench)
SELECT flow, channel, branch_code, count(*),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median_hours,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90_hours
FROM t WHERE h >= 0 GROUP BY GROUPING SETS ((flow, channel), (flow, branch_code));
SQL
postgres_once() {
  psql -q -X "$pg_url" -c "TRUNCATE trs_bench" >/dev/null
  local start; start=$(date +%s.%N)
  psql -q -X "$pg_url" -f "$work/pg.sql" >"$work/pg.out"
  pg_walls+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b-a}')")
  pg_copies+=("$(awk '/^Time:/ {print $2/1000; exit}' "$work/pg.out")")
  pg_queries+=("$(awk '/^Time:/ {t=$2/1000} END {print t}' "$work/pg.out")")
}
shape_rows=""; shape_notes=""; first_csv=""
for shape in $shapes; do
  csv=$work/trs_${rows}_${shape}.csv
  "$build/bench/trs_generate" "$rows" --seed 2015 --shape "$shape" --output "$csv"
  chmod 644 "$csv"
  ln -sf "$csv" "$work/current.csv"
  [ -n "$first_csv" ] || { first_csv=$csv; first_shape=$shape; }
  size_mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN {printf "%.0f", b/1048576}')
  a_walls=(); a_cpus=(); pg_walls=(); pg_copies=(); pg_queries=()
  for _ in $(seq 1 "$runs"); do analyze_once; postgres_once; done
  cp "$work/analyze.out" "$work/analyze-$shape.json"
  a_wall=$(printf '%s\n' "${a_walls[@]}" | median)
  pg_wall=$(printf '%s\n' "${pg_walls[@]}" | median)
  pg_copy=$(printf '%s\n' "${pg_copies[@]}" | median)
  pg_query=$(printf '%s\n' "${pg_queries[@]}" | median)
  ratio=$(awk -v a="$a_wall" -v p="$pg_wall" 'BEGIN {printf "%.1f", (a > 0 ? p/a : 0)}')
  issues=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["issues"]))' "$work/analyze-$shape.json")
  shape_rows+="| $shape ($size_mb MB, $issues issues) | **$a_wall s** ($(rate "$a_wall") rows/s, $a_rss MB) | $pg_wall s (COPY $pg_copy s + query $pg_query s) | **$ratio×** | $(awk -v r="$ratio" 'BEGIN {print (r >= 5) ? "pass" : "**FAIL**"}') |"$'\n'
  shape_notes+="- $shape: analyze ${a_walls[*]} s (CPU user+sys ${a_cpus[*]} s); PostgreSQL ${pg_walls[*]} s; JSON sha256 $(sha256sum "$work/analyze-$shape.json" | cut -c1-16)"$'\n'
done
csv=$first_csv
cp "$work/analyze-$first_shape.json" "$work/analyze.out"

# ---- 3. stored study: import + report
stored_rows=""
for backend in $backends; do
  if [ "$backend" = sqlite ]; then db="sqlite:$work/study.db"; else
    psql -q -X "$pg_url" -c "DROP TABLE IF EXISTS trs_bench" -c "CREATE DATABASE trs_study" >/dev/null
    db=${pg_url%/postgres}/trs_study
  fi
  "$haiquan" init --db "$db" --admin-password "$admin_password" >/dev/null
  study=$("$haiquan" trs create-study --db "$db" --name "Bench $rows" --week-start 2025-06-16 \
    --branches 03CC:SEA,03EE:SEA,03PA:SEA,03CE:SEA,02CI:SEA,51CB:SEA,01B1:AIR,02B1:AIR,32CD:ROAD,45B1:ROAD,15B1:ROAD)
  read -r i_wall i_rss < <(timed "$work/import-$backend" "$haiquan" trs import --db "$db" --study "$study" --input "$csv" --skip-invalid)
  stored=$(grep -o 'Đã nhập [0-9]*' "$work/import-$backend.out" | grep -o '[0-9]*')
  read -r r_wall r_rss < <(timed "$work/report-$backend" "$haiquan" trs report --db "$db" --study "$study" --format json)
  read -r f_wall f_rss < <(timed "$work/fresh-$backend" "$haiquan" trs report --db "$db" --study "$study" --format json --fresh)
  cmp -s "$work/report-$backend.out" "$work/fresh-$backend.out" && kept_same="same bytes" || kept_same="**differ**"
  same=$(python3 -c 'import json,sys; a,b=(json.load(open(f))["records"] for f in sys.argv[1:]); print(b["analysed"], "of", a["analysed"])' \
    "$work/analyze.out" "$work/report-$backend.out")
  stored_rows+="| $backend | $stored | $i_wall s ($(rate "$i_wall") rows/s), $i_rss MB | **$r_wall s**, $r_rss MB | $f_wall s, $f_rss MB ($kept_same) | $same |"$'\n'
done

echo
echo "## Time release study (trs): $rows declarations per shape"
echo
echo "\`haiquan trs analyze --format json\` (read + every statistic, median CIs, working hours) against PostgreSQL 15 doing"
echo "the comparable work end to end (COPY into an unlogged table + percentile_cont median/p90 of T2 by channel and by"
echo "branch); medians of $runs alternating runs; target ≥ 5× on every shape:"
echo
echo "| shape | trs analyze | PostgreSQL | ratio | ≥ 5× |"
echo "|---|---:|---:|---:|---|"
printf "%s" "$shape_rows"
echo
printf "%s" "$shape_notes"
echo
echo "Stored study ($first_shape shape; \`haiquan trs import --skip-invalid\`, which keeps the report ready, then \`haiquan trs report --format json\`; target < 3 s; \`--fresh\` computes it again from the records):"
echo
echo "| database | records stored | import (incl. keeping the report ready) | report (kept ready) | report --fresh | analysed records (stored report of the analyze figure) |"
echo "|---|---:|---:|---:|---:|---|"
printf "%s" "$stored_rows"
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M') UTC; build $build."
