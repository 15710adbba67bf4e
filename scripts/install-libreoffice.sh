#!/usr/bin/env bash
# Installs what the workbook check needs (Debian packages), only when missing:
# libreoffice-calc-nogui, whose headless soffice converts the written kpi.xlsx back to CSV
# as a real spreadsheet client reads it (Tests/CommandLineTests/Report/WorkbookReportTests).
set -euo pipefail
missing=""
for p in libreoffice-calc-nogui; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
