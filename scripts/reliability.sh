#!/usr/bin/env bash
# The full fault-injection suite (docs/reliability.md): 50 SIGKILL iterations on a large
# generated inbox, a full disk, 4 concurrent runs with a reader, a resent inbox, and the
# hostile corpus including the huge generated files. Measured figures go to
# $LEDGER_RELIABILITY_LOG (default .build-reliability-out/figures.txt).
# Usage: scripts/reliability.sh BIN_DIR [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:?usage: reliability.sh BIN_DIR [BUILD_DIR]}
BUILD_DIR=${2:-.build}
SWIFT=${SWIFT:-swift}
OUT=${RELIABILITY_OUT:-.build-reliability-out}
mkdir -p "$OUT"
export LEDGER_RELIABILITY_LOG=${LEDGER_RELIABILITY_LOG:-$(pwd)/$OUT/figures.txt}
: > "$LEDGER_RELIABILITY_LOG"
export LEDGER_RELIABILITY=full
export LEDGER_BIN="$BIN"
start=$(date +%s)
"$SWIFT" test --build-path "$BUILD_DIR" --disable-xctest \
  --filter 'FaultInjectionTests|HostileInputTests|ReportSecurityTests|OutputSafetyTests|SQLBindingTests|FuzzRegressionTests'
echo "reliability: $(( $(date +%s) - start )) s; figures:"
cat "$LEDGER_RELIABILITY_LOG"
