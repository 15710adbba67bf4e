#!/usr/bin/env bash
# Workbook benchmark (issue #16). A ROWS-row (default 1,000,000) ro_parts feed from
# dms-feedgen, written once as CSV and once as .xlsx by openpyxl (shared strings, number
# cells: as a DMS export), then RUNS (default 3) interleaved rounds of, each on the same files:
#   (a) dms-import load of the CSV into a fresh warehouse,
#   (b) dms-import load of the .xlsx into a fresh warehouse,
#   (c) fastexcel (PyPI, Rust/calamine) reading the .xlsx's cells into Arrow — read only.
# Prints every round and the medians (wall seconds, peak RSS) and the median per-round
# ratios xlsx/csv and xlsx/fastexcel. Then the writer: dms-report kpi --format xlsx against
# --format csv on a 50-dealer network (the difference is the workbook: 3 group levels,
# every KPI, exception lists).
# usage: [ROWS=1000000] [RUNS=3] bench/xlsx/run.sh BIN_DIR
set -euo pipefail
bin="${1:?usage: bench/xlsx/run.sh BIN_DIR}"
rows="${ROWS:-1000000}"
runs="${RUNS:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
work="${WORK:-$(mktemp -d /tmp/ledger-bench-xlsx.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c "import openpyxl, fastexcel" 2>/dev/null || pip install -q "openpyxl==3.1.5" "fastexcel==0.21.0" >/dev/null

csv="$work/ro_parts_bench.csv"
xlsx="$work/ro_parts_bench.xlsx"
"$bin/dms-feedgen" rows --feed ro_parts --rows "$rows" --out "$csv" --seed 7 >/dev/null
started=$(date +%s)
python3 "$here/csv_to_xlsx.py" "$csv" "$xlsx"
echo "input: $rows rows; CSV $(($(stat -c %s "$csv") / 1000000)) MB, xlsx $(($(stat -c %s "$xlsx") / 1000000)) MB (openpyxl wrote it in $(($(date +%s) - started)) s); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD...: appends "seconds peak_kb" to $work/NAME.all
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed:" >&2; tail -5 "$work/$name.err" >&2; exit 1; }
  cat "$work/time.txt" >>"$work/$name.all"
  cat "$work/time.txt"
}
: >"$work/csv.all"; : >"$work/xlsx.all"; : >"$work/fastexcel.all"
printf '%-6s %12s %12s %14s %10s %10s %14s\n' round csv_s xlsx_s fastexcel_s csv_rss_mb xlsx_rss_mb fastexcel_rss_mb
for round in $(seq 1 "$runs"); do
  rm -f "$work"/w.sqlite*
  read -r cs cr < <(measure csv "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$csv")
  rm -f "$work"/w.sqlite*
  read -r xs xr < <(measure xlsx "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$xlsx")
  grep -q "read=$rows " "$work/xlsx.out" || { echo "xlsx load did not read $rows rows:"; cat "$work/xlsx.out"; exit 1; }
  read -r fs fr < <(measure fastexcel python3 "$here/fastexcel_read.py" "$xlsx")
  printf '%-6s %12s %12s %14s %10d %10d %14d\n' "$round" "$cs" "$xs" "$fs" $((cr / 1024)) $((xr / 1024)) $((fr / 1024))
  echo "$xs $cs $fs" >>"$work/ratios.all"
done
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "median: csv $(cut -d' ' -f1 "$work/csv.all" | median) s, xlsx $(cut -d' ' -f1 "$work/xlsx.all" | median) s, fastexcel $(cut -d' ' -f1 "$work/fastexcel.all" | median) s"
echo "peak RSS (largest round): csv $(cut -d' ' -f2 "$work/csv.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB, xlsx $(cut -d' ' -f2 "$work/xlsx.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB, fastexcel $(cut -d' ' -f2 "$work/fastexcel.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB"
echo "median ratio xlsx/csv: $(awk '{ print $1 / $2 }' "$work/ratios.all" | median) (target <= 2); xlsx/fastexcel: $(awk '{ print $1 / $3 }' "$work/ratios.all" | median) (target < 1)"

# The writer: a 50-dealer network, one month, every KPI.
net="$work/network"
"$bin/dms-feedgen" network --dealers 50 --months 2 --out "$net" --seed 7 >/dev/null 2>&1 || "$bin/dms-feedgen" --help | head -20
rm -f "$work"/r.sqlite*
"$bin/dms-import" load --warehouse "$work/r.sqlite" "$net" >/dev/null 2>&1 || true
period=$(sqlite3 "$work/r.sqlite" "SELECT substr(MAX(opened_at), 1, 7) FROM repair_orders" 2>/dev/null || echo 2026-10)
: >"$work/w_csv.all"; : >"$work/w_xlsx.all"
for round in $(seq 1 "$runs"); do
  measure w_csv "$bin/dms-report" kpi --warehouse "$work/r.sqlite" --period "$period" --by dealer --format csv --out "$work/rep-csv" --jobs 1 >/dev/null
  measure w_xlsx "$bin/dms-report" kpi --warehouse "$work/r.sqlite" --period "$period" --by dealer --format csv,xlsx --out "$work/rep-xlsx" --jobs 1 >/dev/null
done
kpis=$(($(wc -l <"$work/rep-csv/kpi.csv") - 1))
echo "writer: kpi.csv rows $kpis ($period); dms-report csv $(cut -d' ' -f1 "$work/w_csv.all" | median) s, csv+xlsx $(cut -d' ' -f1 "$work/w_xlsx.all" | median) s; kpi.xlsx $(stat -c %s "$work/rep-xlsx/kpi.xlsx") bytes"
