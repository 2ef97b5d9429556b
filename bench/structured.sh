#!/usr/bin/env bash
# Measure structured plugins: 1,000,000 rows from an external structured
# plugin through -f csv against the same rows from the compiled-in lister,
# in one run; prints throughput and memory ratios (see
# bench/structured/main.go). Figures go to docs/performance.md under
# "Structured plugins".
#   bash bench/structured.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/demoapp" ./cmd/demoapp
go build -o "$bin/demoapp-stream" ./bench/structured/stream
"$bin/demoapp-stream" --longshore-manifest >"$bin/demoapp-stream.yaml"
go run ./bench/structured -bin "$bin" -rows "${1:-1000000}" -runs "${2:-3}"
