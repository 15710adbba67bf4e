#!/usr/bin/env bash
# make demo: the main job on the shipped samples. Each step lives in scripts/demo.d/
# (NN-name.sh, run in order) and gets BIN (the built tools) and OUT (the demo folder).
set -euo pipefail
cd "$(dirname "$0")/.."
export BIN="$1" OUT="$2"
rm -rf "$OUT"; mkdir -p "$OUT"
export DMS_WAREHOUSE="$OUT/dms.sqlite"
for step in scripts/demo.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
