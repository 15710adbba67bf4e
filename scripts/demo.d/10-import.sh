#!/usr/bin/env bash
# Load the shipped samples into a fresh warehouse ($DMS_WAREHOUSE): the canonical CSV network,
# the OEM / STAR / Reynolds XML documents, and the Chinese DMS exports through their profiles.
# Then check the warehouse. Diagnostics go to $OUT/import.log.
set -euo pipefail
{
  "$BIN/dms-import" load samples/feeds --rejects "$OUT/rejects"
  "$BIN/dms-import" load samples/xml --rejects "$OUT/rejects"
  "$BIN/dms-import" load --profile profiles samples/profiles --rejects "$OUT/rejects"
} > "$OUT/import.log" 2>&1
"$BIN/dms-import" check > "$OUT/check.log" || true
echo "warehouse: $DMS_WAREHOUSE ($(grep -c 'outcome=loaded' "$OUT/import.log") files loaded; log: $OUT/import.log)"
