#!/usr/bin/env bash
# XML benchmark: a 200 MB STAR 5 ProcessRepairOrder file through libxml2's own streaming
# reader (xmllint --stream --noout) and through dms-import load (parse, map, value rules,
# SQLite, SHA-256 of the file). RUNS (default 5) interleaved rounds run both once each on the
# same file (a slower or faster spell of the shared machine hits both alike); prints each
# round, then the median wall and CPU seconds and MB/s of both, the largest peak RSS of any
# round, and the median of the per-round time ratios.
# usage: [RUNS=5] bench/xml/run.sh BIN_DIR [MEGABYTES]
set -euo pipefail
bin="${1:?usage: bench/xml/run.sh BIN_DIR [MEGABYTES]}"
megabytes="${2:-200}"
runs="${RUNS:-5}"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v xmllint >/dev/null; then
  echo "installing libxml2-utils (xmllint)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq libxml2-utils >/dev/null
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -x "$bin/dms-import" ] || { echo "dms-import not found in $bin: build it first (make build)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/star_bench.xml"
python3 "$here/generate_star.py" "$file" "$megabytes"
bytes=$(stat -c %s "$file")

# run_once NAME COMMAND...: runs the command under GNU time and appends
# "wall_seconds peak_kb cpu_seconds" (CPU = user + system) to $work/NAME.all.
run_once() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed (exit $?):" >&2; tail -5 "$work/$name.err" >&2; return 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/$name.time" >>"$work/$name.all"
}

echo "input: $file, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); $runs interleaved rounds"
: >"$work/xmllint.all"
: >"$work/dms-import.all"
for round in $(seq "$runs"); do
  rm -f "$work/bench.sqlite" "$work/bench.sqlite-wal" "$work/bench.sqlite-shm"  # every load starts empty
  run_once xmllint xmllint --stream --noout "$file"
  run_once dms-import "$bin/dms-import" load --warehouse "$work/bench.sqlite" "$file"
  read -r xw _ xc < <(tail -1 "$work/xmllint.all")
  read -r dw _ dc < <(tail -1 "$work/dms-import.all")
  awk -v r="$round" -v xw="$xw" -v xc="$xc" -v dw="$dw" -v dc="$dc" 'BEGIN {
    printf "round %-3d    xmllint %6.2f s (CPU %6.2f s)  dms-import %6.2f s (CPU %6.2f s)  ratio %.2f x wall, %.2f x CPU\n",
      r, xw, xc, dw, dc, dw / (xw > 0 ? xw : 0.01), dc / (xc > 0 ? xc : 0.01) }'
done

# Medians of each column on its own (wall, CPU, and the per-round ratios); peak RSS is the
# largest of any round.
python3 - "$work/xmllint.all" "$work/dms-import.all" "$bytes" "$runs" <<'PY'
import statistics, sys
xmllint_path, dms_path, size, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def load(path):
    return [(float(w), int(k), float(c)) for w, k, c in (line.split() for line in open(path) if line.strip())]
xmllint, dms = load(xmllint_path), load(dms_path)
print(f"median of {runs} rounds (wall, MB/s, user + system CPU); peak RSS = largest of any round")
for name, rows in (("xmllint", xmllint), ("dms-import", dms)):
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[2] for r in rows)
    print(f"{name:<12} {wall:7.2f} s  {size / 1e6 / max(wall, 0.01):7.1f} MB/s  CPU {cpu:6.2f} s  peak RSS {max(r[1] for r in rows) / 1024:6.1f} MB")
wall_ratio = statistics.median(d[0] / max(x[0], 0.01) for x, d in zip(xmllint, dms))
cpu_ratio = statistics.median(d[2] / max(x[2], 0.01) for x, d in zip(xmllint, dms))
print(f"ratio        dms-import / xmllint = {wall_ratio:.2f} x wall, {cpu_ratio:.2f} x CPU (medians of the per-round ratios)")
PY
