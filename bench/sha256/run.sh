#!/usr/bin/env bash
# SHA-256 of a 200 MB file: OpenSSL libcrypto (EVP, what Ledger uses) against
# apple/swift-crypto 3.12.3, both from Swift, 1 MiB reads, interleaved rounds; prints the
# median CPU and wall seconds of each. Building swift-crypto takes minutes, so `make bench`
# runs this only with SHA256_BENCH=1.
# Usage: SHA256_BENCH=1 bench/sha256/run.sh [BIN_DIR, unused]   (ROUNDS=… , MB=…)
set -euo pipefail
if [ "${SHA256_BENCH:-0}" != 1 ]; then echo "sha256 bench skipped (SHA256_BENCH=1 to run it)"; exit 0; fi
cd "$(dirname "$0")"
ROUNDS="${ROUNDS:-15}"
MB="${MB:-200}"
WORK="$(mktemp -d /tmp/ledger-bench-sha.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
swift build -c release --build-path "$WORK/.build" >/dev/null
head -c "$((MB * 1000 * 1000))" /dev/urandom > "$WORK/data.bin"
expected="$(sha256sum "$WORK/data.bin" | cut -d' ' -f1)"
for ((i = 1; i <= ROUNDS; i++)); do
  for which in openssl swiftcrypto; do "$WORK/.build/release/sha256-bench" "$WORK/data.bin" "$which"; done
done | python3 -c "
import statistics, sys
expected, mb = sys.argv[1], int(sys.argv[2])
runs = {}
for line in sys.stdin:
    which, digest, wall, cpu = line.split()
    assert digest == expected, (which, digest)
    runs.setdefault(which, []).append((float(wall), float(cpu)))
for which, values in runs.items():
    cpu = statistics.median(v[1] for v in values)
    print(f'{which:<12} {mb} MB: CPU median {cpu:.3f} s ({mb / cpu:.0f} MB/s), wall median {statistics.median(v[0] for v in values):.3f} s, {len(values)} rounds')
" "$expected" "$MB"
