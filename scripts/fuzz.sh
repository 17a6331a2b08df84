#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (address + undefined sanitizers) and runs each for N seconds.
set -euo pipefail
seconds=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build-fuzz
mkdir -p "$out"
cxx="clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$root/src"
core="$root/src/core/*.cpp"
http="$root/src/http/router.cpp $root/src/http/message.cpp $root/src/http/json_input.cpp $root/src/http/json_lift.cpp $root/src/http/metrics.cpp $root/src/http/url.cpp"
declare -A targets=(
  [json_request_fuzz]="$root/fuzz/json_request_fuzz.cpp $http $core -lspdlog -lfmt"
  [validators_fuzz]="$root/fuzz/validators_fuzz.cpp $core"
  [request_framing_fuzz]="$root/fuzz/request_framing_fuzz.cpp $root/src/http/request_framing.cpp"
)
if [ -f "$root/fuzz/eservices_document_fuzz.cpp" ]; then
  targets[eservices_document_fuzz]="$root/fuzz/eservices_document_fuzz.cpp $root/src/eservices/signatures.cpp $core -lcrypto"
fi
if [ -f "$root/fuzz/trs_csv_fuzz.cpp" ]; then
  targets[trs_csv_fuzz]="$(pkg-config --cflags minizip expat) $root/fuzz/trs_csv_fuzz.cpp $root/src/sheets/*.cpp $root/src/trs/engine/*.cpp $core $(pkg-config --libs xlsxwriter minizip expat 2>/dev/null) -lspdlog -lfmt"
fi
for name in "${!targets[@]}"; do
  echo "-- fuzz $name (${seconds}s)"
  # shellcheck disable=SC2086
  $cxx -o "$out/$name" ${targets[$name]}
  mkdir -p "$out/corpus-$name"
  "$out/$name" -max_total_time="$seconds" -max_len=4096 -print_final_stats=0 "$out/corpus-$name" >"$out/$name.log" 2>&1 \
    || { tail -40 "$out/$name.log"; exit 1; }
  grep -E "^Done|#[0-9]+.*DONE" "$out/$name.log" | tail -1 || true
done
