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

# run NAME COMMAND...: prints wall seconds, MB/s, CPU seconds (user + system) and peak RSS
# using GNU time. CPU seconds are steadier than wall time on a shared machine.
run() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed (exit $?):" >&2; tail -5 "$work/$name.err" >&2; return 1; }
  read -r seconds rss user system <"$work/$name.time"
  awk -v n="$name" -v s="$seconds" -v r="$rss" -v b="$bytes" -v c="$(awk -v u="$user" -v y="$system" 'BEGIN { print u + y }')" \
    'BEGIN { printf "%-12s %7.2f s  %7.1f MB/s  CPU %6.2f s  peak RSS %6.1f MB\n", n, s, (b / 1e6) / (s > 0 ? s : 0.01), c, r / 1024 }'
}

echo "input: $file, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run xmllint xmllint --stream --noout "$file"
if [ -x "$bin/dms-import" ]; then
  if run dms-import "$bin/dms-import" load --warehouse "$work/bench.sqlite" "$file"; then
    read -r a _ au as <"$work/dms-import.time"
    read -r b _ bu bs <"$work/xmllint.time"
    awk -v a="$a" -v b="$b" -v ac="$(awk -v u="$au" -v y="$as" 'BEGIN { print u + y }')" -v bc="$(awk -v u="$bu" -v y="$bs" 'BEGIN { print u + y }')" \
      'BEGIN { printf "ratio        dms-import / xmllint = %.2f x wall, %.2f x CPU\n", a / (b > 0 ? b : 0.01), ac / (bc > 0 ? bc : 0.01) }'
  fi
else
  echo "dms-import not found in $bin: build it first (make build)"
fi
