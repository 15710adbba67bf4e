#!/usr/bin/env bash
# Installs what the HTML report's browser check needs (Debian packages), only when missing:
# chromium (headless rendering, screenshots) and fonts-wqy-microhei (Chinese glyphs).
set -euo pipefail
missing=""
for p in chromium fonts-wqy-microhei; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
