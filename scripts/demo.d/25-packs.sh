#!/usr/bin/env bash
# make demo, step 2b: packs to mail (docs/bundles.md) — one zip per region beside its folder
# and one pack per dealer, lit by samples/targets.toml, each checked with `sha256sum -c` as a
# recipient would.
set -euo pipefail
"$BIN/dms-report" bundle --period 2026-10 --by region --zip --targets samples/targets.toml --out "$OUT/bundles" --generated-at 2026-11-01T06:00:00Z --quiet
"$BIN/dms-report" bundle --period 2026-10 --by dealer --zip --targets samples/targets.toml --out "$OUT/bundles" --generated-at 2026-11-01T06:00:00Z --quiet
for sums in "$OUT"/bundles/2026-10/*/SHA256SUMS "$OUT"/bundles/2026-10/dealers/*/SHA256SUMS; do
  (cd "$(dirname "$sums")" && sha256sum --quiet -c SHA256SUMS)
done
echo "$OUT/bundles/2026-10"
