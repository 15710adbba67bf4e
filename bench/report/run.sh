#!/usr/bin/env bash
# make bench (report): dms-report on a generated network of 50 dealers (3 years of history,
# a few million RO lines at the default scale) against DuckDB computing five KPIs of the
# same month from the same CSVs (bench/report/duckdb_kpis.py: typed read_csv, every core —
# issue #13's reference). Also checks how the monthly report grows with history (1 year vs
# 3 years). Every figure is printed as a ratio from this one run.
# Usage: bench/report/run.sh BIN_DIR   (env: DEALERS, SCALE, MONTH, RUNS, JOBS)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$1"
DEALERS="${DEALERS:-50}"
SCALE="${SCALE:-25}"
MONTH="${MONTH:-2026-10}"
WORK="bench/out/report"
mkdir -p "$WORK"

python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb >/dev/null

if [ ! -x /usr/bin/time ]; then  # GNU time, for CPU seconds
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq time >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null; }
fi

for years in 1 3; do
  feeds="$WORK/feeds-${years}y"
  warehouse="$WORK/dms-${years}y.sqlite"
  if [ ! -f "$warehouse" ]; then
    rm -rf "$feeds"
    "$BIN/dms-feedgen" network --out "$feeds" --dealers "$DEALERS" --regions 6 --brands 3 --months $((years * 12)) \
      --end "$MONTH" --scale "$SCALE" --quiet
    "$BIN/dms-import" load "$feeds" --warehouse "$warehouse" --rejects "$WORK/rejects-${years}y" --quiet >/dev/null
  fi
done

lines=$(sqlite3 "$WORK/dms-3y.sqlite" "SELECT (SELECT COUNT(*) FROM ro_labor) + (SELECT COUNT(*) FROM ro_parts)")
echo "network: $DEALERS dealers, scale $SCALE; 3-year warehouse: $lines RO lines"

RUNS="${RUNS:-5}"
FIVE="sales.on_time_delivery_rate,stock.vehicle_turnover,service.repair_cycle_hours_median,service.comeback_rate,parts.gross_margin"
JOBS="${JOBS:-$(nproc)}"
# once LABEL WAREHOUSE FORMAT JOBS [BY [EXTRA ARGS…]]: one timed report; appends
# "wall cpu peak-rss-KiB" to $WORK/time-LABEL.txt.
once() {
  local out="$WORK/reports-$RANDOM" label="$1" wh="$2" fmt="$3" jobs="$4"
  local by="${5:-dealer}"
  shift 4; shift || true
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$BIN/dms-report" kpi --period "$MONTH" --by "$by" --format "$fmt" \
    --out "$out" --warehouse "$wh" --jobs "$jobs" "$@" --quiet >/dev/null
  awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$WORK/time.txt" >> "$WORK/time-$label.txt"
  rm -rf "$out"
}
# median LABEL -> "wall cpu" of the median run by wall time.
median() {
  sort -n "$WORK/time-$1.txt" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}
# peak LABEL -> the largest peak RSS of LABEL's runs, in MB.
peak() {
  awk '$3 > m { m = $3 } END { printf "%d", m / 1024 }' "$WORK/time-$1.txt"
}
# growth A B -> median of the per-round wall ratios B / A (rounds run A and B back to back;
# each line is "wall cpu rss", so B's wall is the 4th field once pasted).
growth() {
  paste -d' ' "$WORK/time-$1.txt" "$WORK/time-$2.txt" | awk '{ print $4 / $1 }' | sort -n \
    | awk '{ a[NR] = $0 } END { printf "%.2f", a[int((NR + 1) / 2)] }'
}

# The monthly report first migrates the warehouses (a no-op when they are current).
"$BIN/dms-report" kpi --period "$MONTH" --by network --format csv --out "$WORK/migrate" --warehouse "$WORK/dms-1y.sqlite" --quiet
"$BIN/dms-report" kpi --period "$MONTH" --by network --format csv --out "$WORK/migrate" --warehouse "$WORK/dms-3y.sqlite" --quiet
# Interleaved rounds, so that a slower spell of the shared machine hits 1 and 3 years alike
# (single runs of the same binary swing by up to 40 % here).
start="$MONTH-01"
end=$(python3 -c "import datetime as d; y,m=map(int,'$MONTH'.split('-')); print(d.date(y+(m==12), m%12+1, 1))")
days=$(python3 -c "import datetime as d; print((d.date.fromisoformat('$end') - d.date.fromisoformat('$start')).days)")
for label in 1y 3y seq1y seq3y trend five duck; do : > "$WORK/time-$label.txt"; done
for round in $(seq "$RUNS"); do
  once 1y "$WORK/dms-1y.sqlite" csv "$JOBS"
  once 3y "$WORK/dms-3y.sqlite" csv "$JOBS"
  once seq1y "$WORK/dms-1y.sqlite" csv 1
  once seq3y "$WORK/dms-3y.sqlite" csv 1
  if [ "$round" -le 3 ]; then
    once trend "$WORK/dms-3y.sqlite" csv,html,json "$JOBS"
    once five "$WORK/dms-3y.sqlite" csv "$JOBS" network --kpi "$FIVE"
    duck=$(python3 bench/report/duckdb_kpis.py "$WORK/feeds-3y" "$start" "$end" "$days")
    echo "$duck" | sed 's/.*duckdb_seconds=\([0-9.]*\).*/\1 0 0/' >> "$WORK/time-duck.txt"
  fi
  echo "round $round: 1 year $(tail -1 "$WORK/time-1y.txt"), 3 years $(tail -1 "$WORK/time-3y.txt");" \
    "--jobs 1: 1 year $(tail -1 "$WORK/time-seq1y.txt"), 3 years $(tail -1 "$WORK/time-seq3y.txt") (wall, CPU s)"
done
read -r month_1y cpu_1y _ <<<"$(median 1y)"
read -r month_3y cpu_3y _ <<<"$(median 3y)"
read -r trend_3y trend_cpu_3y _ <<<"$(median trend)"
read -r seq_1y seq_cpu_1y _ <<<"$(median seq1y)"
read -r seq_3y seq_cpu_3y _ <<<"$(median seq3y)"
round_growth=$(growth 1y 3y)
round_growth_seq=$(growth seq1y seq3y)
read -r duck_seconds _ <<<"$(median duck)"
read -r five_3y five_cpu_3y _ <<<"$(median five)"

"$BIN/dms-report" kpi --period "$MONTH" --by network --format csv --out "$WORK/network" --warehouse "$WORK/dms-3y.sqlite" --quiet
ours=$(grep -E ',(sales.on_time_delivery_rate|stock.vehicle_turnover|service.repair_cycle_hours_median|service.comeback_rate|parts.gross_margin),' \
  "$WORK/network/kpi.csv" | cut -d, -f6,7 | tr '\n' ' ')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); median of $RUNS interleaved rounds (trend: 3) (wall, user+sys CPU); --jobs $JOBS ($(nproc) CPUs) unless said"
echo "dms-report kpi $MONTH --by dealer (csv), 1 year of history:  ${month_1y} s (CPU ${cpu_1y} s)"
echo "dms-report kpi $MONTH --by dealer (csv), 3 years of history: ${month_3y} s (CPU ${cpu_3y} s)"
echo "dms-report kpi $MONTH with the 13-month trend (html), 3 years: ${trend_3y} s (CPU ${trend_cpu_3y} s)"
echo "the same monthly report with --jobs 1 (one connection, in order): 1 year ${seq_1y} s (CPU ${seq_cpu_1y} s), 3 years ${seq_3y} s (CPU ${seq_cpu_3y} s)"
echo "dms-report kpi $MONTH --by network --kpi <the five>, 3 years: ${five_3y} s (CPU ${five_cpu_3y} s)"
echo "peak RSS: monthly report $(peak 3y) MB, full report with html $(peak trend) MB (target < 150 MB)"
echo "DuckDB (typed read_csv, $(nproc) threads), five KPIs of $MONTH from the CSVs (3 years), median of 3: ${duck_seconds} s   (last: $duck)"
echo "dms-report's network values of the same five: $ours"
python3 - "$month_1y" "$month_3y" "$duck_seconds" "$cpu_1y" "$cpu_3y" "$seq_1y" "$seq_3y" "$round_growth" "$round_growth_seq" "$trend_3y" "$five_3y" <<'PY'
import sys
one, three, duck, cpu_one, cpu_three, seq_one, seq_three, rounds, rounds_seq, full, five = map(float, sys.argv[1:])
print(f"ratios against DuckDB (issue #13 targets): full report with html {full / duck:.2f}x (target < 1); "
      f"the five at --by network {five / duck:.3f}x (target <= 0.1); trend report / month {full / three:.2f}x (target <= 2)")
print(f"growth 1y -> 3y: median of per-round ratios {rounds:.2f}x (target <= 1.1x): {'ok' if rounds <= 1.1 else 'MISSED'}; "
      f"ratio of medians {three / one:.2f}x wall, {cpu_three / cpu_one:.2f}x CPU")
print(f"growth with --jobs 1: median of per-round ratios {rounds_seq:.2f}x; ratio of medians {seq_three / seq_one:.2f}x")
print(f"monthly report vs DuckDB: {three:.2f} s vs {duck:.2f} s: {'ok' if three < duck else 'MISSED'}")
PY

# The monthly page of a 500-dealer network: size, opening time in Chromium, cost of HTML + xlsx.
bash bench/report/page.sh "$BIN"
