#!/usr/bin/env bash
# Measure external plugin dispatch, start-up, listing and binary size:
# ratios against independent baselines measured in the same run (see
# bench/plugins/main.go): a Go floor linking only cobra, a bare cobra app
# with 20 commands, git, and a static C plugin. Figures go to
# docs/performance.md under "External plugins".
#   bash bench/plugins.sh [RUNS] [SECTIONS] [CLOCK]
# CLOCK is wall (the default) or cpu: user + system time of each process,
# steadier than wall time on a loaded machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/demoapp" ./cmd/demoapp
go build -o "$bin/floor" ./bench/plugins/floor
go build -tags linked -o "$bin/linkedfloor" ./bench/plugins/floor
go build -tags linked -o "$bin/linkedbarecobra" ./bench/plugins/barecobra
go build -o "$bin/barecobra" ./bench/plugins/barecobra
go build -ldflags="-s -w" -o "$bin/demoapp-stripped" ./cmd/demoapp
go build -ldflags="-s -w" -o "$bin/barecobra-stripped" ./bench/plugins/barecobra
# A static C plugin starts in a fraction of a Go program's time, so the
# plugin's own start-up does not dilute the host's overhead.
cc -O2 -static -o "$bin/demoapp-hello" bench/plugins/chello/hello.c 2>/dev/null ||
	cc -O2 -o "$bin/demoapp-hello" bench/plugins/chello/hello.c
cp "$bin/demoapp-hello" "$bin/git-hello"
# Time the programs as installed ones, not as the linker left them: a file
# the Go linker has just written starts 15-20% slower (its pages sit in the
# page cache in small pieces, so running it takes more page faults) than
# the same bytes copied, as go install, a package manager or cp write them.
for f in "$bin"/*; do
	cp "$f" "$f.copy" && mv "$f.copy" "$f"
done
go run ./bench/plugins -bin "$bin" -runs "${1:-200}" -sections "${2:-abcdefg}" -clock "${3:-wall}"
