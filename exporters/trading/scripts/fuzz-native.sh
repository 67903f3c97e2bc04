#!/usr/bin/env bash
# Mutation fuzz of the native ingest scanner under AddressSanitizer and UndefinedBehaviorSanitizer: builds a
# sanitized copy of native/ in a temporary folder, then feeds it mutated simulator bodies (truncated, bytes
# flipped, inserted, deleted, repeated) for SECS seconds (default 60), checking that it never crashes and that
# whenever it answers, the JS path accepts the same body with the identical encoding.
# Usage: bash scripts/fuzz-native.sh [SECS]   (needs g++ with libasan/libubsan, as Debian's gcc has)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/native/src" "$work/src"
cat > "$work/binding.gyp" <<'GYP'
{ "targets": [ { "target_name": "ingest_scan",
  "sources": ["src/scan-addon.cc", "src/batch-scanner.cc", "src/json-value.cc", "src/event-layout.cc"],
  "cflags_cc": ["-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-omit-frame-pointer"],
  "ldflags": ["-fsanitize=address,undefined"] } ] }
GYP
gyp="${npm_config_node_gyp:-$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js}"
# Node's headers where npm is told to build against them (outside a workspace: npm config refuses inside one).
nodedir="${npm_config_nodedir:-$(cd / && npm config get nodedir 2>/dev/null || true)}"
[ "$nodedir" = undefined ] && nodedir=""
node "$gyp" rebuild --directory "$work" --loglevel=warn ${nodedir:+--nodedir="$nodedir"} >/dev/null
cd "$here"
FUZZ_ADDON="$work/build/Release/ingest_scan.node" FUZZ_SECS="${1:-60}" \
  LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  node --import tsx scripts/fuzz-native.ts
