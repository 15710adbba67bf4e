#!/usr/bin/env bash
# make demo, step 2: the October 2026 reports of the loaded samples — KPIs (CSV, HTML,
# JSON, xlsx), lit green / amber / red by the shipped samples/targets.toml (docs/targets.md),
# and exception lists (the packs per region and dealer: 25-packs.sh). Quiet; prints the path
# of kpi.html.
set -euo pipefail
"$BIN/dms-report" kpi --period 2026-10 --by dealer --format csv,html,json,xlsx --targets samples/targets.toml --out "$OUT/reports" --quiet
"$BIN/dms-report" exceptions --period 2026-10 --out "$OUT/reports" --quiet
echo "$OUT/reports/kpi.html"
