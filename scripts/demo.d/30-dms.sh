#!/usr/bin/env bash
# Demo step: score the driver-monitoring samples (also into the demo warehouse), evaluate them
# against their ground truth, and print where the reports are.
set -euo pipefail
"$BIN/dms-dms" score samples/dms/sessions --out "$OUT/dms" --warehouse "$OUT/dms.sqlite" --jobs 2 --quiet >/dev/null
"$BIN/dms-dms" evaluate samples/dms/sessions --truth samples/dms/truth.csv --out "$OUT/dms/evaluation" --quiet >/dev/null
echo "$OUT/dms/report.html"
echo "$OUT/dms/evaluation/report.html"
