#!/usr/bin/env bash
# Mutation fuzz of the native ingest scanner (@vigil/trading-native-scanner) under AddressSanitizer and
# UndefinedBehaviorSanitizer: the package's build script builds a sanitized copy of its sources in a temporary
# folder, then fuzz-native.ts feeds it mutated simulator bodies (truncated, bytes flipped, inserted, deleted,
# repeated) for SECS seconds (default 60), checking that it never crashes and that whenever it answers, this
# exporter's JS path accepts the same body with the identical encoding.
# Usage: npm run fuzz:native -w @vigil/trading-exporter -- [SECS]   (needs g++ with libasan/libubsan, as Debian's gcc has)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
package="$(cd "$here" && node -p "require('node:path').dirname(require.resolve('@vigil/trading-native-scanner/package.json'))")"
addon="$(node "$package/scripts/build.mjs" --sanitize="$work" | tail -1)"
cd "$here"
FUZZ_ADDON="$addon" FUZZ_SECS="${1:-60}" \
  LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  node --import tsx scripts/fuzz-native.ts
