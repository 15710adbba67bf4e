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
  sqlite3 "$WORK/schema.sqlite" ".schema $feed" | sed -e '/batch_id/d' > "$WORK/ddl.sql"
  sqlite3 "$WORK/s.sqlite" < "$WORK/ddl.sql"
  read -r sh_s sh_kb < <(measure sqlite3 "$WORK/s.sqlite" ".mode csv" ".import --skip 1 $file $feed")
  python3 - "$feed" "$ROWS" "$dms_s" "$sh_s" "$dms_kb" <<'PY'
import sys
feed, rows, d, s, kb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"{feed:<14} {rows:>10} {d:>10.2f} {rows/d:>12.0f} {s:>10.2f} {rows/s:>12.0f} {d/s:>10.2f} {kb/1024:>8.1f}")
PY
done

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
