#!/usr/bin/env bash
# make demo, step 2: the October 2026 reports of the loaded samples — KPIs (CSV, HTML,
# JSON, xlsx), exception lists and one bundle per region. Quiet; prints the path of kpi.html.
set -euo pipefail
"$BIN/dms-report" kpi --period 2026-10 --by dealer --format csv,html,json,xlsx --out "$OUT/reports" --quiet
"$BIN/dms-report" exceptions --period 2026-10 --out "$OUT/reports" --quiet
"$BIN/dms-report" bundle --period 2026-10 --by region --out "$OUT/bundles" --generated-at 2026-11-01T06:00:00Z --quiet
echo "$OUT/reports/kpi.html"
