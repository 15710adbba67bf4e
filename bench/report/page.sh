#!/usr/bin/env bash
# make bench (report page): the monthly kpi.html of a generated 500-dealer network (#15).
# Measures (1) kpi.html's size, (2) the time headless Chromium takes to open it (wall time of
# `--dump-dom` on the page minus the same on an empty page, median of RUNS), and (3) what
# writing kpi.html and kpi.xlsx adds to `dms-report kpi`: `--format csv` against
# `--format csv,html,xlsx`, interleaved rounds, medians.
# Usage: bench/report/page.sh BIN_DIR   (env: DEALERS=500, MONTHS=3, SCALE=0.1, RUNS=5)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$1"
DEALERS="${DEALERS:-500}"
MONTHS="${MONTHS:-3}"
SCALE="${SCALE:-0.1}"
RUNS="${RUNS:-5}"
MONTH="${MONTH:-2026-10}"
WORK="bench/out/report-page"
mkdir -p "$WORK"
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$CHROMIUM" ] || bash scripts/install-chromium.sh
CHROMIUM="$(command -v chromium || command -v chromium-browser)"

warehouse="$WORK/dms-$DEALERS.sqlite"
if [ ! -f "$warehouse" ]; then
  rm -rf "$WORK/feeds"
  start=$(date +%s.%N)
  "$BIN/dms-feedgen" network --out "$WORK/feeds" --dealers "$DEALERS" --regions 6 --brands 3 --months "$MONTHS" \
    --end "$MONTH" --scale "$SCALE" --quiet
  "$BIN/dms-import" load "$WORK/feeds" --warehouse "$warehouse" --rejects "$WORK/rejects" --quiet >/dev/null || true
  echo "generated and loaded $DEALERS dealers × $MONTHS months at scale $SCALE in $(echo "$(date +%s.%N) - $start" | bc) s"
fi

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

# (1) the page
"$BIN/dms-report" kpi --period "$MONTH" --by dealer --format html --out "$WORK/page" --warehouse "$warehouse" \
  --generated-at 2026-11-01T06:00:00Z --quiet
size=$(stat -c %s "$WORK/page/kpi.html")
echo "kpi.html: $size bytes ($(echo "scale=2; $size / 1048576" | bc) MiB; target < 5 MiB)"

# (2) opening it in headless Chromium, against an empty page
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n' > "$WORK/empty.html"
browse() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --dump-dom "file://$(realpath "$1")"; }
: > "$WORK/open.txt"
for _ in $(seq "$RUNS"); do
  empty=$(seconds browse "$WORK/empty.html")
  page=$(seconds browse "$WORK/page/kpi.html")
  echo "$page - $empty" | bc >> "$WORK/open.txt"
done
echo "Chromium open (page − empty page, median of $RUNS): $(median < "$WORK/open.txt") s (target < 2 s)"

# (3) what the HTML and the workbook add to the report
: > "$WORK/csv.txt"; : > "$WORK/all.txt"
for _ in $(seq "$RUNS"); do
  seconds "$BIN/dms-report" kpi --period "$MONTH" --by dealer --format csv --out "$WORK/r-csv" --warehouse "$warehouse" --quiet >> "$WORK/csv.txt"
  seconds "$BIN/dms-report" kpi --period "$MONTH" --by dealer --format csv,html,xlsx --out "$WORK/r-all" --warehouse "$warehouse" \
    --generated-at 2026-11-01T06:00:00Z --quiet >> "$WORK/all.txt"
done
csv=$(median < "$WORK/csv.txt"); all=$(median < "$WORK/all.txt")
echo "dms-report kpi: --format csv $csv s, --format csv,html,xlsx $all s (medians of $RUNS interleaved):" \
  "+$(echo "scale=1; ($all - $csv) * 100 / $csv" | bc) % (target < 10 %)"
