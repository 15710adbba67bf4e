#!/usr/bin/env bash
# Import benchmark (issue: warehouse and CSV import).
# Generates 1,000,000-row ro_parts and repair_orders files and, in the same run, loads each
# (a) with dms-import into a fresh warehouse and (b) with the sqlite3 shell's .import into a
# table of the same columns and indexes. Prints rows/s, peak RSS and the time ratio; then
# checks that peak RSS stays flat for a 5x larger file.
# Usage: bench/import/run.sh BIN_DIR   (ROWS=… to scale)
set -euo pipefail
BIN="$1"
ROWS="${ROWS:-1000000}"
BIG_FACTOR="${BIG_FACTOR:-5}"
WORK="${WORK:-$(mktemp -d /tmp/ledger-bench-import.XXXXXX)}"
trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# run LABEL CMD... : prints "seconds peak_rss_kb" for the command.
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt"; exit 1; }
  cat "$WORK/time.txt"
}


"$BIN/dms-import" batches --warehouse "$WORK/schema.sqlite" >/dev/null

printf '%-14s %10s %10s %12s %10s %12s %10s %8s\n' feed rows dms_s dms_rows/s sqlite_s sqlite_rows/s ratio rss_mb
for feed in ro_parts repair_orders; do
  file="$WORK/${feed}_bench.csv"
  "$BIN/dms-feedgen" rows --feed "$feed" --rows "$ROWS" --out "$file" --seed 7 >/dev/null
  rm -f "$WORK/w.sqlite"*
  read -r dms_s dms_kb < <(measure "$BIN/dms-import" load --warehouse "$WORK/w.sqlite" --rejects "$WORK/rejects" "$file")
  rm -f "$WORK/s.sqlite"*
  # Same columns, same primary key (and so the same unique index); .import validates nothing.
  sqlite3 "$WORK/schema.sqlite" ".schema $feed" | sed -e '/batch_id/d' -e 's/, *source_line INTEGER//' > "$WORK/ddl.sql"
  sqlite3 "$WORK/s.sqlite" < "$WORK/ddl.sql"
  read -r sh_s sh_kb < <(measure sqlite3 "$WORK/s.sqlite" ".mode csv" ".import --skip 1 $file $feed")
  python3 - "$feed" "$ROWS" "$dms_s" "$sh_s" "$dms_kb" <<'PY'
import sys
feed, rows, d, s, kb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"{feed:<14} {rows:>10} {d:>10.2f} {rows/d:>12.0f} {s:>10.2f} {rows/s:>12.0f} {d/s:>10.2f} {kb/1024:>8.1f}")
PY
done

# The whole-file encoding pass (--encoding auto on a regular file validates all of it as UTF-8
# before choosing). Worst case: a 1M-row file whose only GBK text is its last row, so the
# pass reads every byte before it finds GB18030. Its cost is the CPU time of --encoding auto
# minus that of --encoding gb18030 on the same file (the rest of the work is the same),
# medians of ENCODING_ROUNDS interleaved rounds, as a share of the GBK load.
ENCODING_ROUNDS="${ENCODING_ROUNDS:-3}"
gbk="$WORK/ro_parts_gbk.csv"
"$BIN/dms-feedgen" rows --feed ro_parts --rows "$ROWS" --out "$WORK/ro_utf8.csv" --seed 11 >/dev/null
{ head -n -1 "$WORK/ro_utf8.csv"; tail -n 1 "$WORK/ro_utf8.csv" | sed -e 's/,[^,]*$/,作废/'; } | iconv -f UTF-8 -t GB18030 > "$gbk"
cpu() { # prints user+sys CPU seconds and wall seconds of a load of $gbk with --encoding $1
  rm -f "$WORK/e.sqlite"*
  /usr/bin/time -f "%U %S %e" -o "$WORK/etime.txt" "$BIN/dms-import" load --warehouse "$WORK/e.sqlite" --rejects "$WORK/rejects" \
    --max-reject-rate 1 --encoding "$1" "$gbk" >/dev/null 2>&1 || true
  tail -n 1 "$WORK/etime.txt" | awk '{printf "%.2f %.2f\n", $1 + $2, $3}'
}
auto_cpu=(); gbk_cpu=(); auto_wall=(); gbk_wall=()
for ((round = 1; round <= ENCODING_ROUNDS; round++)); do
  read -r c w < <(cpu gb18030); gbk_cpu+=("$c"); gbk_wall+=("$w")
  read -r c w < <(cpu auto); auto_cpu+=("$c"); auto_wall+=("$w")
  echo "encoding round $round: gb18030 ${gbk_cpu[-1]} s CPU (${gbk_wall[-1]} s wall), auto ${auto_cpu[-1]} s CPU (${auto_wall[-1]} s wall)"
done
python3 - "$(du -m "$gbk" | cut -f1)" "${gbk_cpu[*]}" "${auto_cpu[*]}" "${gbk_wall[*]}" "${auto_wall[*]}" <<'PY'
import statistics, sys
mb = sys.argv[1]
g, a, gw, aw = ([float(x) for x in arg.split()] for arg in sys.argv[2:6])
gm, am = statistics.median(g), statistics.median(a)
print(f"encoding pass on a {mb} MB 1M-row GBK file (Chinese only in the last row): "
      f"CPU gb18030 {gm:.2f} s, auto {am:.2f} s, pass {am - gm:+.2f} s = {(am - gm) / gm * 100:+.1f} % of the load "
      f"(target <= 5 %); wall medians {statistics.median(gw):.2f} s / {statistics.median(aw):.2f} s")
PY

# MEMORY_CHECK=0 skips the memory part (the 5x file takes minutes).
if [ "${MEMORY_CHECK:-1}" = 0 ]; then echo "machine: $(nproc) cores, $(uname -m), $(sqlite3 --version | cut -d' ' -f1)"; exit 0; fi
# Memory is constant: a file BIG_FACTOR times larger must not raise peak RSS by more than 10 %.
small="$WORK/ro_parts_small.csv"; big="$WORK/ro_parts_big.csv"
"$BIN/dms-feedgen" rows --feed ro_parts --rows "$ROWS" --out "$small" --seed 8 >/dev/null
"$BIN/dms-feedgen" rows --feed ro_parts --rows "$((ROWS * BIG_FACTOR))" --out "$big" --seed 9 >/dev/null
rm -f "$WORK/m1.sqlite"* "$WORK/m2.sqlite"*
read -r _ kb1 < <(measure "$BIN/dms-import" load --warehouse "$WORK/m1.sqlite" --rejects "$WORK/rejects" "$small")
read -r _ kb2 < <(measure "$BIN/dms-import" load --warehouse "$WORK/m2.sqlite" --rejects "$WORK/rejects" "$big")
python3 - "$kb1" "$kb2" "$BIG_FACTOR" <<'PY'
import sys
a, b, f = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print(f"peak RSS: {a/1024:.1f} MB for 1x, {b/1024:.1f} MB for {f}x rows ({(b/a-1)*100:+.1f} %)")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -m), $(sqlite3 --version | cut -d' ' -f1)"
