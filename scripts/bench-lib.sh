# Shared by the module benchmarks (scripts/bench-*.sh), which source it right after `set -euo pipefail`:
#   source "$(dirname "$0")/bench-lib.sh"; bench_init NAME PREFIX PG_PORT [KNOB=DEFAULT…]
# Not a benchmark itself: scripts/bench.sh skips it.

# bench_init NAME PREFIX PG_PORT [KNOB=DEFAULT…] → root (and cd to it), build ($BUILD_DIR), work ($WORK_DIR/NAME,
# created), pg_dir, the knobs every module has: backends ($PREFIX_BACKENDS, "sqlite postgresql") and pg_port
# ($PREFIX_PG_PORT, PG_PORT), and the module's own knobs: KNOB=DEFAULT sets the variable knob in lower case to
# $PREFIX_KNOB or DEFAULT (`bench_init audit AUDIT 55461 SECONDS=10` → seconds=${AUDIT_SECONDS:-10});
# on exit the server (if any) and the throw-away PostgreSQL cluster are stopped (a script with more to clean up
# sets its own trap that calls bench_cleanup).
bench_init() {
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cd "$root"
  build=${BUILD_DIR:?BUILD_DIR: a Release build with bench targets}
  work=${WORK_DIR:?WORK_DIR: a scratch directory}/$1
  # Outside WORK_DIR: as root the cluster belongs to the 'postgres' user, who must be able to reach it.
  pg_dir=/tmp/haiquan-$1-bench-pg-$$
  # (underscored locals: a knob sets a global of its own name, PORT=… the global port)
  local _prefix=$2 _pg_port=$3 _knob _env
  shift 3
  for _knob in "BACKENDS=sqlite postgresql" "PG_PORT=$_pg_port" "$@"; do
    _env=${_prefix}_${_knob%%=*}
    printf -v "$(echo "${_knob%%=*}" | tr '[:upper:]' '[:lower:]')" '%s' "${!_env:-${_knob#*=}}"
  done
  mkdir -p "$work"
  trap bench_cleanup EXIT
}

# pg_cluster start|stop: the throw-away cluster of scripts/pg-test.sh in $pg_dir on $pg_port (start prints its URL).
pg_cluster() { HAIQUAN_PG_DIR=$pg_dir HAIQUAN_PG_PORT=$pg_port bash scripts/pg-test.sh "$1"; }
pg_stop() { pg_cluster stop >/dev/null 2>&1 || true; }

server_pid=""
# serve ARG…: `haiquan serve --address 127.0.0.1 ARG…` in the background (redirect the call to its log); pid in server_pid.
serve() { "$build/haiquan" serve --address 127.0.0.1 "$@" & server_pid=$!; }
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
bench_cleanup() { stop_server; pg_stop; }
wait_up() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server at $1 did not start" >&2; return 1; }
# The administrator's password of the databases the benchmarks make.
admin_password='Quan-tri-2026!'
# field PYTHON-SUBSCRIPT: the part of the JSON on stdin, e.g. field "['items'][0]['id']".
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(d$1)"; }

# init_demo DB LOG: a fresh haiquan database with the demo data (src/app/demo.h), output to LOG.
init_demo() {
  "$build/haiquan" init --db "$1" --admin-password "$admin_password" >"$2" 2>&1
  "$build/haiquan" demo --db "$1" >>"$2" 2>&1
}

# login BASE USER [PASSWORD, default $password] → "name=value-of-the-session-cookie csrf-token"
login() {
  curl -s -i -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"${3:-$password}\"}" | tr -d '\r' |
    awk -F'[ ;]' 'tolower($1)=="set-cookie:" {c=$2} match($0, /"csrf_token":"[0-9a-zA-Z_-]+"/) {t=substr($0, RSTART+14, RLENGTH-15)}
                  END {print c, t}'
}

# wrk --latency output on stdin → "p50_ms p99_ms requests_per_second non_2xx"
wrk_latency() {
  awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)} /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$5}
       END {printf "%.2f %.2f %.0f %d\n", p50, p99, rps, bad}'
}

# Lines "http_code seconds" (curl -w '%{http_code} %{time_total}') on stdin → "median_s max_s non_200"
timings() {
  sort -k2,2n | awk '$1 != 200 {bad++} {t[NR]=$2} END {
      printf "%.3f %.3f %d\n", (NR%2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2), t[NR], bad}'
}

verdict() { awk -v v="$1" -v limit="$2" 'BEGIN {print (v+0 < limit+0) ? "pass" : "**FAIL**"}'; }
errors() { [ "$1" = 0 ] && echo "" || echo ", $1 non-2xx"; }
thousands() { echo "$1" | sed -e :a -e 's/\B[0-9]\{3\}\>/,&/;ta'; }
