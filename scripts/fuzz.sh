#!/usr/bin/env bash
# Fuzzing (docs/reliability.md): builds each libFuzzer target with -sanitize=fuzzer,address
# into $FUZZ_BUILD_DIR (LEDGER_FUZZ=1 declares the targets, see Package.swift) and runs it
# for $FUZZ_SECONDS (FUZZ_PARALLEL=1: all targets at once). Seeds: samples/ plus
# samples/fuzz-regressions/<target>/. Crashes land in $FUZZ_OUT/crashes/<target>/ (default
# .build-fuzz/out); copy each into samples/fuzz-regressions/<target>/ so that the regression
# tests (Tests/LedgerTests/Hostile/FuzzRegressionTests.swift) replay it.
# Prints executions per second and coverage per target at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-.build-fuzz}
FUZZ_OUT=${FUZZ_OUT:-$FUZZ_BUILD_DIR/out}
FUZZ_TARGETS=${FUZZ_TARGETS:-$(ls -d Fuzz/Fuzz*/ | xargs -n1 basename | grep -v FuzzSupport)}
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-8192}
FUZZ_PARALLEL=${FUZZ_PARALLEL:-0}

if ! "$SWIFT" --version >/dev/null 2>&1; then echo "fuzz: swift not found" >&2; exit 1; fi
mkdir -p "$FUZZ_OUT"

for target in $FUZZ_TARGETS; do
  echo "== building $target"
  LEDGER_FUZZ=1 "$SWIFT" build -c release --build-path "$FUZZ_BUILD_DIR" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -sanitize-address-use-odr-indicator >/dev/null
done

seed() { # target corpus-folder
  case "$1" in
    FuzzCSVReader) find samples/feeds samples/feeds-bad samples/hostile -name '*.csv' -size -64k 2>/dev/null ;;
    FuzzXMLMapping) find samples -name '*.xml' -size -64k 2>/dev/null ;;
    FuzzXLSXReader) find samples -name '*.xlsx' -size -64k 2>/dev/null ;;
    FuzzLegacyWorkbooks) find samples -name '*.xls' -size -64k 2>/dev/null | xargs grep -lE '<(Workbook|html|table|TABLE)' 2>/dev/null ;;
    FuzzProfileLoader) find profiles samples -name '*.toml' -size -64k 2>/dev/null ;;
    *) ;;
  esac | while read -r f; do
    # Most targets read their first byte as a selector: prefix each variant's byte.
    if [ "$1" = FuzzProfileLoader ]; then cp "$f" "$2/$(echo "$f" | tr '/' '_')"; continue; fi
    for selector in 0 1 2 3; do
      { printf "\\x0$selector"; cat "$f"; } > "$2/$(echo "$f" | tr '/' '_').$selector"
    done
  done
}

run() { # target
  local target=$1 corpus="$FUZZ_OUT/corpus/$1" crashes="$FUZZ_OUT/crashes/$1" regressions="samples/fuzz-regressions/$1"
  mkdir -p "$corpus" "$crashes" "$regressions"
  [ -n "$(ls -A "$corpus")" ] || seed "$target" "$corpus"
  echo "== running $target for ${FUZZ_SECONDS}s"
  "$FUZZ_BUILD_DIR/release/$target" -max_total_time="$FUZZ_SECONDS" -max_len="$FUZZ_MAX_LEN" \
    -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" \
    "$corpus" "$regressions" >"$FUZZ_OUT/$target.log" 2>&1 || echo "exit=$?" >>"$FUZZ_OUT/$target.log"
}

# Crash files of earlier runs stay in $FUZZ_OUT/crashes; only this run's count.
started="$FUZZ_OUT/.run-started"
touch "$started"
if [ "$FUZZ_PARALLEL" = 1 ]; then
  for target in $FUZZ_TARGETS; do run "$target" & done
  wait
else
  for target in $FUZZ_TARGETS; do run "$target"; done
fi

summary="$FUZZ_OUT/summary.txt"
: > "$summary"
for target in $FUZZ_TARGETS; do
  log="$FUZZ_OUT/$target.log"
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
  ft=$(echo "$last" | sed -nE 's/.*ft: ([0-9]+).*/\1/p')
  corp=$(echo "$last" | sed -nE 's/.*corp: ([0-9]+\/[0-9a-zA-Z]+).*/\1/p')
  found=$(find "$FUZZ_OUT/crashes/$target" -type f -newer "$started" | wc -l)
  echo "$target seconds=$FUZZ_SECONDS runs=${runs:-?} exec_per_sec=${rate:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} crashes=$found" | tee -a "$summary"
done
# A crash is a failure of `make fuzz` until it is a regression test.
! grep -q 'crashes=[1-9]' "$summary"
