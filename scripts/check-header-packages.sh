#!/usr/bin/env bash
# Fails when the build read a system header whose Debian package a fresh machine would not get from
# scripts/debian-packages.txt: every header outside the repository that `ninja -t deps` recorded must
# belong to a listed package or to one the listed packages pull in through Depends/Pre-Depends (what
# `apt-get install --no-install-recommends` installs). Catches the next libboost-dev/zlib1g-dev gap in CI.
# Usage: scripts/check-header-packages.sh [BUILD_DIR]   (after a build; a few seconds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[[ $build = /* ]] || build="$root/$build"
list="$root/scripts/debian-packages.txt"
if ! command -v dpkg-query >/dev/null; then
  echo "check-header-packages: not a Debian system, skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Every header the build read, outside the repository (ninja records paths relative to the build folder
#    for the repository's own files, absolute ones for the system's).
ninja -C "$build" -t deps | awk -v root="$root/" '
  /^[^ \t]/ || !NF { next }
  { path = $1; if (substr(path, 1, 1) == "/" && index(path, root) != 1) print path }' | sort -u >"$work/read"
if [ ! -s "$work/read" ]; then
  echo "check-header-packages: ninja recorded no system header in $build (build first)" >&2
  exit 1
fi
# "…/12/../../../../include/c++/12/x" → "/usr/include/c++/12/x", as dpkg knows it (symlinks left alone).
xargs -a "$work/read" -d '\n' realpath -s -m | sort -u >"$work/headers"

# 2. Their packages, in one dpkg call per few thousand paths.
xargs -a "$work/headers" -d '\n' dpkg -S 2>"$work/unowned" >"$work/owners" || true
grep -v '^diversion ' "$work/owners" >"$work/owned" || true

# 3. The Depends/Pre-Depends closure of the list (alternatives: the first one installed; virtual names:
#    their installed providers), from one dpkg-query over the installed packages.
grep -v '^\s*#' "$list" | awk 'NF { print $1 }' >"$work/wanted"
dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}|${Pre-Depends}, ${Depends}\n' >"$work/db"
awk -F'|' -v wanted="$work/wanted" '
  function name(spec) { sub(/\(.*/, "", spec); gsub(/[ \t]/, "", spec); sub(/:.*/, "", spec); return spec }
  $1 ~ /^ii/ {
    installed[$2] = 1; deps[$2] = deps[$2] ", " $4
    n = split($3, provided, ",")
    for (i = 1; i <= n; i++) if ((p = name(provided[i])) != "") providers[p] = providers[p] " " $2
  }
  END {
    while ((getline pkg < wanted) > 0) queue[++tail] = pkg
    for (head = 1; head <= tail; head++) {
      pkg = queue[head]
      if (pkg in closure) continue
      closure[pkg] = 1
      n = split(deps[pkg], items, ",")
      for (i = 1; i <= n; i++) {
        m = split(items[i], alternatives, "|")
        for (j = 1; j <= m; j++) {
          alt = name(alternatives[j])
          if (alt == "") continue
          if (alt in installed) { queue[++tail] = alt; break }
          if (alt in providers) { k = split(providers[alt], ps, " "); for (x = 1; x <= k; x++) queue[++tail] = ps[x]; break }
        }
      }
    }
    for (pkg in closure) print pkg
  }' "$work/db" | sort -u >"$work/closure"

# 4. A header is fine when one of its owners is in the closure; the others are reported once per package.
declare -A first_header=() header_count=()
while IFS= read -r line; do
  path=${line##*: }
  owners=${line%: *}
  owners=${owners//:amd64/}
  ok=0
  for owner in ${owners//,/ }; do
    grep -qxF "${owner%%:*}" "$work/closure" && { ok=1; break; }
  done
  if [ $ok = 0 ]; then
    [ -n "${first_header[$owners]:-}" ] || first_header[$owners]=$path
    header_count[$owners]=$((${header_count[$owners]:-0} + 1))
  fi
done <"$work/owned"
failed=0
for owners in "${!first_header[@]}"; do
  echo "check-header-packages: the build reads ${first_header[$owners]} (and $((${header_count[$owners]} - 1)) more" \
       "header(s)) of package $owners, which neither scripts/debian-packages.txt nor its packages' Depends install" >&2
  failed=1
done
while IFS= read -r line; do
  echo "check-header-packages: the build reads ${line#*pattern }, which belongs to no Debian package" >&2
  failed=1
done < <(grep 'no path found matching pattern' "$work/unowned" || true)
if [ $failed = 1 ]; then
  echo "check-header-packages: add the package(s) above to scripts/debian-packages.txt" >&2
  exit 1
fi
echo "check-header-packages: $(wc -l <"$work/headers") system headers, all from packages that scripts/debian-packages.txt installs"
