#!/usr/bin/env bash
# make bench: each area's benchmark lives in bench/<area>/run.sh and gets the tools' folder.
# Results are printed and appended to bench/out/results.txt (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
for b in bench/*/run.sh; do
  [ -e "$b" ] || continue
  echo "== $b"
  bash "$b" "$1" 2>&1 | tee -a bench/out/results.txt
done
