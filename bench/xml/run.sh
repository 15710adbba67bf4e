#!/usr/bin/env bash
# XML benchmark: a 200 MB STAR 5 ProcessRepairOrder file through libxml2's own streaming
# reader (xmllint --stream --noout) and through dms-import load (parse, map, value rules,
# SQLite). Prints MB/s and peak RSS of both and the time ratio.
# usage: bench/xml/run.sh BIN_DIR [MEGABYTES]
set -euo pipefail
bin="${1:?usage: bench/xml/run.sh BIN_DIR [MEGABYTES]}"
megabytes="${2:-200}"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v xmllint >/dev/null; then
  echo "installing libxml2-utils (xmllint)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq libxml2-utils >/dev/null
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/star_bench.xml"
python3 "$here/generate_star.py" "$file" "$megabytes"
bytes=$(stat -c %s "$file")

# run NAME COMMAND...: prints "NAME seconds rss_kib" using GNU time.
run() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed (exit $?):" >&2; tail -5 "$work/$name.err" >&2; return 1; }
  read -r seconds rss <"$work/$name.time"
  awk -v n="$name" -v s="$seconds" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "%-12s %7.2f s  %7.1f MB/s  peak RSS %6.1f MB\n", n, s, (b / 1e6) / (s > 0 ? s : 0.01), r / 1024 }'
}

echo "input: $file, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
run xmllint xmllint --stream --noout "$file"
if [ -x "$bin/dms-import" ]; then
  if run dms-import "$bin/dms-import" load --warehouse "$work/bench.sqlite" "$file"; then
    awk -v a="$(cut -d' ' -f1 "$work/dms-import.time")" -v b="$(cut -d' ' -f1 "$work/xmllint.time")" \
      'BEGIN { printf "ratio        dms-import / xmllint = %.2f x\n", a / (b > 0 ? b : 0.01) }'
  fi
else
  echo "dms-import not found in $bin: build it first (make build)"
fi
