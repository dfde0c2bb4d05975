#!/bin/sh
# ssotguard in any CI: build once, scan, fail only on new violations (the baseline is named in
# .ssotguard.json). Exit codes: 0 clean, 1 new violations, 2 configuration or tool error.
set -eu
SSOTGUARD_SRC=${SSOTGUARD_SRC:-.ssotguard-src}   # a checkout of ssotguard
if [ ! -x "$SSOTGUARD_SRC/.build/release/ssotguard" ]; then
  swift build -c release --static-swift-stdlib --package-path "$SSOTGUARD_SRC"
fi
PATH="$SSOTGUARD_SRC/.build/release:$PATH"
ssotguard scan . --format markdown --output ssotguard.md --fail-on-severity none
ssotguard scan . --format sarif --output ssotguard.sarif
