#!/usr/bin/env bash
# Import benchmark (issue: warehouse and CSV import).
# Generates 1,000,000-row ro_parts and repair_orders files and, in the same run, loads each
# (a) with dms-import into a fresh warehouse and (b) with the sqlite3 shell's .import into a
# table of the same columns and indexes, ROUNDS (3) interleaved rounds. Prints wall and CPU
# time per round, medians and ratios, peak RSS and the load average; then the encoding pass;
# then checks that peak RSS stays flat for a 5x larger file (MEMORY_CHECK=0 skips it).
# Usage: bench/import/run.sh BIN_DIR   (ROWS=…, ROUNDS=…, ENCODING_ROUNDS=… to scale)
set -euo pipefail
BIN="$1"
ROWS="${ROWS:-1000000}"
BIG_FACTOR="${BIG_FACTOR:-5}"
WORK="${WORK:-$(mktemp -d /tmp/ledger-bench-import.XXXXXX)}"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# measure CMD... : prints "wall_seconds cpu_seconds peak_rss_kb" for the command.
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt"; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$WORK/time.txt"
}

# A header-only file loads 0 rows: it gives an empty warehouse of the current schema.
printf 'dealer_code,ro_no,line_no\n' > "$WORK/ro_parts_header.csv"
"$BIN/dms-import" load --warehouse "$WORK/schema.sqlite" --rejects "$WORK/rejects" "$WORK/ro_parts_header.csv" >/dev/null

# The reference (issue #13: "the sqlite3 shell with the same indexes"): the shell's .import
# into the warehouse's own table — the same columns, the same primary key and the same
# secondary indexes (batch_id), created from the warehouse's DDL (its triggers, if any, are
# left out) — with the shell's default journal (rollback, synchronous FULL) and the same page
# cache as dms-import (32 MiB). Its input is the same file with the two bookkeeping columns
# dms-import fills (batch_id = 1, source_line = the line number) appended to each line
# beforehand, untimed, so both end with the same rows in the same indexes. The shell parses
# no values, checks nothing and hashes nothing.
ROUNDS="${ROUNDS:-3}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A dms_w dms_c sh_w sh_c rss
for feed in ro_parts repair_orders; do
  file="$WORK/${feed}_bench.csv"
  "$BIN/dms-feedgen" rows --feed "$feed" --rows "$ROWS" --out "$file" --seed 7 >/dev/null
  awk 'NR > 1 { print $0 ",1," NR }' "$file" > "$WORK/${feed}_shell.csv"
  sqlite3 "$WORK/schema.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = '$feed' AND type IN ('table', 'index') AND sql IS NOT NULL" > "$WORK/${feed}_ddl.sql"
done
printf '%-6s %-14s %10s %10s %10s %10s %8s %8s %8s\n' round feed dms_s dms_cpu sqlite_s sqlite_cpu ratio cpu_ratio rss_mb
for ((round = 1; round <= ROUNDS; round++)); do
  for feed in ro_parts repair_orders; do
    rm -f "$WORK/w.sqlite"* "$WORK/s.sqlite"*
    read -r dw dc kb < <(measure "$BIN/dms-import" load --warehouse "$WORK/w.sqlite" --rejects "$WORK/rejects" "$WORK/${feed}_bench.csv")
    sqlite3 "$WORK/s.sqlite" < "$WORK/${feed}_ddl.sql"
    read -r sw sc _ < <(measure sqlite3 "$WORK/s.sqlite" "PRAGMA cache_size=-32768" ".mode csv" ".import $WORK/${feed}_shell.csv $feed")
    [ "$(sqlite3 "$WORK/s.sqlite" "SELECT COUNT(*) FROM $feed")" = "$ROWS" ] || { echo "the shell loaded the wrong row count"; exit 1; }
    dms_w[$feed]+="$dw "; dms_c[$feed]+="$dc "; sh_w[$feed]+="$sw "; sh_c[$feed]+="$sc "; rss[$feed]+="$kb "
    awk -v r="$round" -v f="$feed" -v dw="$dw" -v dc="$dc" -v sw="$sw" -v sc="$sc" -v kb="$kb" \
      'BEGIN { printf "%-6s %-14s %10.2f %10.2f %10.2f %10.2f %8.2f %8.2f %8.1f\n", r, f, dw, dc, sw, sc, dw / sw, dc / sc, kb / 1024 }'
  done
done
for feed in ro_parts repair_orders; do
  python3 - "$feed" "$ROWS" "${dms_w[$feed]}" "${dms_c[$feed]}" "${sh_w[$feed]}" "${sh_c[$feed]}" "${rss[$feed]}" <<'PY'
import statistics as st, sys
feed, rows = sys.argv[1], int(sys.argv[2])
dw, dc, sw, sc, kb = ([float(x) for x in a.split()] for a in sys.argv[3:8])
ratios = sorted(d / s for d, s in zip(dw, sw))
print(f"{feed}: {rows} rows, medians of {len(dw)} interleaved rounds: dms-import {st.median(dw):.2f} s "
      f"({rows / st.median(dw):,.0f} rows/s, {st.median(dc):.2f} s CPU), sqlite3 .import {st.median(sw):.2f} s "
      f"({st.median(sc):.2f} s CPU); time ratio median {st.median(ratios):.2f} (rounds {', '.join(f'{r:.2f}' for r in ratios)}), "
      f"CPU ratio {st.median(dc) / st.median(sc):.2f}; peak RSS {max(kb) / 1024:.1f} MB")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The whole-file encoding pass (--encoding auto on a regular file validates all of it as UTF-8
# before choosing). Worst case: a 1M-row file whose only GBK text is its last row, so the
# pass reads every byte before it finds GB18030. Two measurements:
# (1) the CPU time (user + sys) of --encoding auto minus that of --encoding gb18030 on the
#     same file (the rest of the work is the same), ENCODING_ROUNDS (7) interleaved rounds:
#     the median of the per-round differences, as a share of the median gb18030 load;
# (2) when perf is installed, the samples of one --encoding auto load under the pass
#     (EncodingDetector.detectWholeFile, its reads included) as a share of all the load's
#     samples: CPU time by construction, so other jobs on the machine do not move it.
ENCODING_ROUNDS="${ENCODING_ROUNDS:-7}"
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
python3 - "$(du -m "$gbk" | cut -f1)" "${gbk_cpu[*]}" "${auto_cpu[*]}" "${gbk_wall[*]}" "${auto_wall[*]}" "$ROWS" <<'PY'
import statistics, sys
mb, rows = sys.argv[1], int(sys.argv[6])
g, a, gw, aw = ([float(x) for x in arg.split()] for arg in sys.argv[2:6])
gm = statistics.median(g)
d = sorted(y - x for x, y in zip(g, a))
dm = statistics.median(d)
print(f"encoding pass on a {mb} MB {rows:,}-row GBK file (Chinese only in the last row), {len(g)} interleaved rounds: "
      f"CPU medians gb18030 {gm:.2f} s, auto {statistics.median(a):.2f} s; per-round difference median {dm:+.2f} s "
      f"= {dm / gm * 100:+.1f} % of the load (rounds {', '.join(f'{x:+.2f}' for x in d)}; target <= 5 %); "
      f"wall medians {statistics.median(gw):.2f} s / {statistics.median(aw):.2f} s")
PY
if command -v perf >/dev/null && [ "${PERF:-1}" = 1 ]; then
  rm -f "$WORK/e.sqlite"*
  perf record -q -g -o "$WORK/encoding.perf" "$BIN/dms-import" load --warehouse "$WORK/e.sqlite" --rejects "$WORK/rejects" \
    --max-reject-rate 1 --encoding auto "$gbk" >/dev/null 2>&1 || true
  share=$(perf report -i "$WORK/encoding.perf" --children --sort symbol --stdio -g none 2>/dev/null \
    | awk '/EncodingDetector.*detectWholeFile/ { gsub("%", "", $1); s += $1 } END { printf "%.2f", s }')
  echo "encoding pass by perf samples: ${share} % of the --encoding auto load's CPU samples (detectWholeFile and everything under it)"
fi

# MEMORY_CHECK=0 skips the memory part (the 5x file takes minutes).
if [ "${MEMORY_CHECK:-1}" = 0 ]; then echo "machine: $(nproc) cores, $(uname -m), $(sqlite3 --version | cut -d' ' -f1)"; exit 0; fi
# Memory is constant: a file BIG_FACTOR times larger must not raise peak RSS by more than 10 %.
small="$WORK/ro_parts_small.csv"; big="$WORK/ro_parts_big.csv"
"$BIN/dms-feedgen" rows --feed ro_parts --rows "$ROWS" --out "$small" --seed 8 >/dev/null
"$BIN/dms-feedgen" rows --feed ro_parts --rows "$((ROWS * BIG_FACTOR))" --out "$big" --seed 9 >/dev/null
rm -f "$WORK/m1.sqlite"* "$WORK/m2.sqlite"*
read -r _ _ kb1 < <(measure "$BIN/dms-import" load --warehouse "$WORK/m1.sqlite" --rejects "$WORK/rejects" "$small")
read -r _ _ kb2 < <(measure "$BIN/dms-import" load --warehouse "$WORK/m2.sqlite" --rejects "$WORK/rejects" "$big")
python3 - "$kb1" "$kb2" "$BIG_FACTOR" <<'PY'
import sys
a, b, f = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print(f"peak RSS: {a/1024:.1f} MB for 1x, {b/1024:.1f} MB for {f}x rows ({(b/a-1)*100:+.1f} %)")
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -m), $(sqlite3 --version | cut -d' ' -f1)"
