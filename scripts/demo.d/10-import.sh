#!/usr/bin/env bash
# Load the shipped sample feeds into a fresh warehouse ($DMS_WAREHOUSE), then check it.
set -euo pipefail
"$BIN/dms-import" load samples/feeds --rejects "$OUT/rejects" > "$OUT/import.log"
"$BIN/dms-import" check > "$OUT/check.log"
echo "warehouse: $DMS_WAREHOUSE ($(tail -n 1 "$OUT/import.log"))"
