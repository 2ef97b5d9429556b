#!/usr/bin/env bash
# Measure external plugin dispatch and listing: ratios against baselines
# measured in the same run (see bench/plugins/main.go). Figures go to
# docs/performance.md under "External plugins".
#   bash bench/plugins.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/demoapp" ./cmd/demoapp
go build -o "$bin/floor" ./bench/plugins/floor
go build -o "$bin/demoapp-hello" ./examples/plugins/go/demoapp-hello
go run ./bench/plugins -bin "$bin" -runs "${1:-200}"
