#!/usr/bin/env bash
# Workbook benchmark (issue #16). A ROWS-row (default 1,000,000) ro_parts feed from
# dms-feedgen, written once as CSV and once as .xlsx the way Excel stores it (every text in
# the shared-string table, numbers as number cells; sst_workbook.py, Python's zipfile) —
# with OPENPYXL=1 also by openpyxl's write-only mode (inline strings; slow to write) — then
# RUNS (default 3) interleaved rounds of, each on the same files:
#   (a) dms-import load of the CSV into a fresh warehouse,
#   (b) dms-import load of the .xlsx into a fresh warehouse,
#   (c) fastexcel (PyPI, Rust/calamine) reading the .xlsx's cells into Arrow — read only
#       (checked: every one of the ROWS × 9 cells holds a value).
# Prints every round and the medians (wall and CPU seconds, peak RSS) and the median
# per-round ratios xlsx/csv and xlsx/fastexcel. Then the writer: dms-report kpi --format xlsx
# against --format csv on a 50-dealer network (the difference is the workbook: 3 group
# levels, every KPI, exception lists).
# usage: [ROWS=1000000] [RUNS=3] bench/xlsx/run.sh BIN_DIR
set -euo pipefail
bin="${1:?usage: bench/xlsx/run.sh BIN_DIR}"
rows="${ROWS:-1000000}"
runs="${RUNS:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
# WORK=DIR keeps the inputs between runs (generated once); otherwise a temporary folder.
if [ -n "${WORK:-}" ]; then work="$WORK"; mkdir -p "$work"; else work="$(mktemp -d /tmp/ledger-bench-xlsx.XXXXXX)"; trap 'rm -rf "$work"' EXIT; fi
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c "import openpyxl, fastexcel" 2>/dev/null || pip install -q "openpyxl==3.1.5" "fastexcel==0.21.0" >/dev/null

csv="$work/ro_parts_bench.csv"
xlsx="$work/ro_parts_bench.xlsx"
[ -s "$csv" ] || "$bin/dms-feedgen" rows --feed ro_parts --rows "$rows" --out "$csv" --seed 7 >/dev/null
[ -s "$xlsx" ] || python3 "$here/sst_workbook.py" "$csv" "$xlsx"
workbooks="$xlsx"
if [ "${OPENPYXL:-0}" = 1 ]; then
  [ -s "$work/ro_parts_openpyxl.xlsx" ] || python3 "$here/csv_to_xlsx.py" "$csv" "$work/ro_parts_openpyxl.xlsx"
  workbooks="$workbooks $work/ro_parts_openpyxl.xlsx"
fi
echo "input: $rows rows; CSV $(($(stat -c %s "$csv") / 1000000)) MB; $(for w in $workbooks; do echo -n "$(basename "$w") $(($(stat -c %s "$w") / 1000000)) MB (sheet XML $(($(unzip -l "$w" | awk '/sheet1.xml/ { print $1 }') / 1000000)) MB, shared strings $(($(unzip -l "$w" | awk '/sharedStrings.xml/ { print $1 }' | head -1) + 0)) bytes); "; done)$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD...: appends "seconds peak_kb cpu_seconds" to $work/NAME.all
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.raw" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed:" >&2; tail -5 "$work/$name.err" >&2; exit 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time.raw" >"$work/time.txt"
  cat "$work/time.txt" >>"$work/$name.all"
  cat "$work/time.txt"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for book in $workbooks; do
  name=$(basename "$book" .xlsx)
  : >"$work/csv.all"; : >"$work/xlsx.all"; : >"$work/fastexcel.all"; : >"$work/ratios.all"
  echo "== $name"
  printf '%-6s %12s %12s %14s %10s %10s %14s %10s %10s %14s\n' round csv_s xlsx_s fastexcel_s csv_rss_mb xlsx_rss_mb fastexcel_rss_mb csv_cpu xlsx_cpu fastexcel_cpu
  for round in $(seq 1 "$runs"); do
    rm -f "$work"/w.sqlite*
    read -r cs cr cc < <(measure csv "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$csv")
    rm -f "$work"/w.sqlite*
    read -r xs xr xc < <(measure xlsx "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$book")
    grep -q "read=$rows " "$work/xlsx.out" || { echo "xlsx load did not read $rows rows:"; cat "$work/xlsx.out"; exit 1; }
    read -r fs fr fc < <(measure fastexcel python3 "$here/fastexcel_read.py" "$book")
    grep -q "rows=$rows columns=9 cells=$((rows * 9)) " "$work/fastexcel.out" || { echo "fastexcel did not read every cell:"; cat "$work/fastexcel.out"; exit 1; }
    printf '%-6s %12s %12s %14s %10d %10d %14d %10s %10s %14s\n' "$round" "$cs" "$xs" "$fs" $((cr / 1024)) $((xr / 1024)) $((fr / 1024)) "$cc" "$xc" "$fc"
    echo "$xs $cs $fs $xc $cc $fc" >>"$work/ratios.all"
  done
  rm -f "$work"/w.sqlite*
  echo "median wall: csv $(cut -d' ' -f1 "$work/csv.all" | median) s, xlsx $(cut -d' ' -f1 "$work/xlsx.all" | median) s, fastexcel $(cut -d' ' -f1 "$work/fastexcel.all" | median) s"
  echo "median CPU:  csv $(cut -d' ' -f3 "$work/csv.all" | median) s, xlsx $(cut -d' ' -f3 "$work/xlsx.all" | median) s, fastexcel $(cut -d' ' -f3 "$work/fastexcel.all" | median) s"
  echo "peak RSS (largest round): csv $(cut -d' ' -f2 "$work/csv.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB, xlsx $(cut -d' ' -f2 "$work/xlsx.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB, fastexcel $(cut -d' ' -f2 "$work/fastexcel.all" | sort -n | tail -1 | awk '{ print int($1 / 1024) }') MB"
  echo "median ratio wall xlsx/csv: $(awk '{ print $1 / $2 }' "$work/ratios.all" | median) (target <= 2); xlsx/fastexcel: $(awk '{ print $1 / $3 }' "$work/ratios.all" | median) (target < 1)"
  echo "median ratio CPU  xlsx/csv: $(awk '{ print $4 / $5 }' "$work/ratios.all" | median); xlsx/fastexcel: $(awk '{ print $4 / $6 }' "$work/ratios.all" | median)"
done

# Shared strings beyond the in-memory limit (32 MiB): 1,000,000 dealers whose code and name
# are all distinct strings (~75 MB of text in the table), so the table spills to its
# temporary file; peak RSS must stay flat.
spill_csv="$work/dealers_sst.csv"
spill="$work/dealers_sst.xlsx"
if [ ! -s "$spill" ]; then
  python3 -c "
import sys
with open('$spill_csv', 'w', encoding='utf-8') as f:
    f.write('dealer_code,name,region,city,status\n')
    for i in range($rows):
        f.write(f'D{i:07d},上海浦东新区张江高科技园区经销商第{i:07d}号店,华东,上海,active\n')
"
  python3 "$here/sst_workbook.py" "$spill_csv" "$spill" >/dev/null
fi
rm -f "$work"/w.sqlite*
read -r ss sr _ < <(measure spill "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$spill")
rm -f "$work"/w.sqlite*
read -r sc scr _ < <(measure spillcsv "$bin/dms-import" load --warehouse "$work/w.sqlite" --rejects "$work/rejects" "$spill_csv")
echo "shared strings: $(unzip -l "$spill" | awk '/sharedStrings.xml/ { printf "%d MB", $1 / 1e6 }') table; dms-import $ss s, peak RSS $((sr / 1024)) MB (the same rows as CSV: $sc s, $((scr / 1024)) MB)"

# The writer: a 50-dealer network, one month, every KPI.
net="$work/network"
[ -d "$net" ] || "$bin/dms-feedgen" network --dealers 50 --regions 6 --months 2 --end 2026-10 --scale 0.3 --out "$net" --seed 7 --quiet
rm -f "$work"/r.sqlite*
"$bin/dms-import" load --warehouse "$work/r.sqlite" --quiet "$net" >/dev/null || true
period=2026-10
: >"$work/w_csv.all"; : >"$work/w_xlsx.all"; : >"$work/w_both.all"
for round in $(seq 1 "$runs"); do
  measure w_csv "$bin/dms-report" kpi --warehouse "$work/r.sqlite" --period "$period" --by dealer --format csv --out "$work/rep-csv" --jobs 1 >/dev/null
  measure w_xlsx "$bin/dms-report" kpi --warehouse "$work/r.sqlite" --period "$period" --by dealer --format xlsx --out "$work/rep-xlsx" --jobs 1 >/dev/null
  measure w_both "$bin/dms-report" kpi --warehouse "$work/r.sqlite" --period "$period" --by dealer --format csv,xlsx --out "$work/rep-both" --jobs 1 >/dev/null
done
kpis=$(($(wc -l <"$work/rep-csv/kpi.csv") - 1))
dealers=$(cut -d, -f4 "$work/rep-csv/kpi.csv" | tail -n +2 | sort -u | wc -l)
echo "writer: kpi.csv rows $kpis ($dealers dealers, $((kpis / dealers)) KPIs each, $period); median wall (CPU): dms-report --format csv $(cut -d' ' -f1 "$work/w_csv.all" | median) s ($(cut -d' ' -f3 "$work/w_csv.all" | median) s), xlsx $(cut -d' ' -f1 "$work/w_xlsx.all" | median) s ($(cut -d' ' -f3 "$work/w_xlsx.all" | median) s), csv,xlsx $(cut -d' ' -f1 "$work/w_both.all" | median) s ($(cut -d' ' -f3 "$work/w_both.all" | median) s); kpi.xlsx $(stat -c %s "$work/rep-xlsx/kpi.xlsx") bytes"
