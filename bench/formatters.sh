#!/usr/bin/env bash
# Formatter speed and memory, measured in one run against baselines, printed
# as ratios (see docs/performance.md, "## Formatters"):
#   - csv and json throughput vs encoding/csv and encoding/json writing the
#     same 1,000,000 rows x 6 columns directly (budget: >= 0.7x);
#   - table of 100,000 rows x 6 columns vs encoding/csv (budget: <= 5x the time);
#   - peak memory (max RSS) of demoapp streaming 1,000,000 rows vs 10,000
#     rows through each streaming format (budget: <= 1.2x).
# Throughput and table figures are medians over ROUNDS rounds; each round
# runs every variant once, baselines included, one after the other, so a
# machine that slows down for a while slows both sides of a ratio.
# Usage: bench/formatters.sh [ROWS [ROUNDS]]   (default 1000000 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
rounds=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ns NAME FILE: the median ns/op of benchmark NAME over the rounds in FILE.
ns() {
	awk -v b="$1" '$1 ~ "^Benchmark"b"(-[0-9]+)?$" {print $3}' "$2" | sort -n |
		awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

go test -c -o "$tmp/formatters.test" ./formatters
# bench PATTERN BENCHTIME OUT: ROUNDS rounds of the benchmarks into OUT.
bench() {
	(cd formatters && for _ in $(seq "$rounds"); do
		"$tmp/formatters.test" -test.run '^$' -test.bench "$1" -test.benchtime "$2"
	done) >"$3"
}

echo "== throughput: $rows rows x 6 columns, median of $rounds rounds (ns/row; ratio = baseline time / ours, higher is faster)"
bench '^Benchmark(BaselineCSV|BaselineJSON|CSV|CSVNoStream|JSON|JSONNoIndent|JSONL|Value|YAML|Markdown|Template)$' \
	"${rows}x" "$tmp/tp.txt"
csv=$(ns BaselineCSV "$tmp/tp.txt")
json=$(ns BaselineJSON "$tmp/tp.txt")
printf '%-14s %10s %10s %8s\n' format ns/row baseline ratio
for f in CSV CSVNoStream Value Markdown Template; do
	printf '%-14s %10s %10s %7.2fx\n' "$f" "$(ns $f "$tmp/tp.txt")" "$csv" "$(echo "$csv / $(ns $f "$tmp/tp.txt")" | bc -l)"
done
for f in JSON JSONNoIndent JSONL YAML; do
	printf '%-14s %10s %10s %7.2fx\n' "$f" "$(ns $f "$tmp/tp.txt")" "$json" "$(echo "$json / $(ns $f "$tmp/tp.txt")" | bc -l)"
done

echo
echo "== table: 100000 rows x 6 columns, median of $rounds rounds (ratio = table time / encoding/csv time, budget <= 5x)"
bench '^Benchmark(BaselineCSV|Table|TableMaxWidth)$' 100000x "$tmp/tb.txt"
csv=$(ns BaselineCSV "$tmp/tb.txt")
for f in Table TableMaxWidth; do
	t=$(ns $f "$tmp/tb.txt")
	printf '%-14s %8s ns/row  encoding/csv %8s ns/row  %6.2fx\n' "$f" "$t" "$csv" "$(echo "$t / $csv" | bc -l)"
done

echo
echo "== memory kept: live heap while rendering $rows rows vs 10000 rows (budget <= 1.2x; the table streams past 10,000 rows)"
go test -run '^$' -bench '^BenchmarkLiveHeap$' -benchtime 10000x ./formatters >"$tmp/m1.txt"
go test -run '^$' -bench '^BenchmarkLiveHeap$' -benchtime "${rows}x" ./formatters >"$tmp/m2.txt"
live() { awk -v f="$1" '$1 ~ "^BenchmarkLiveHeap/"f"(-[0-9]+)?$" {for (i = 1; i < NF; i++) if ($(i+1) == "live-bytes") print $i}' "$2"; }
printf '%-10s %12s %12s %8s\n' format 10k-bytes "$rows-bytes" ratio
for f in csv json jsonl yaml value markdown template table; do
	a=$(live $f "$tmp/m1.txt")
	b=$(live $f "$tmp/m2.txt")
	printf '%-10s %12s %12s %7.2fx\n' "$f" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done

echo
echo "== process peak RSS of demoapp numbers list, $rows rows vs 10000 rows"
echo "   (includes the Go runtime's fixed 4 MB minimum heap goal, which a 10k-row run never reaches)"
if [ ! -x /usr/bin/time ]; then
	echo "skipped: /usr/bin/time is missing (apt-get install time)"
	exit 0
fi
go build -o "$tmp/demoapp" ./cmd/demoapp
rss() { /usr/bin/time -f %M "$tmp/demoapp" numbers list --count "$1" "${@:2}" 2>&1 >/dev/null | tail -1; }
printf '%-10s %10s %10s %8s\n' format 10k-KiB "$rows-KiB" ratio
for f in csv json yaml table; do
	small=$(rss 10000 -f "$f")
	big=$(rss "$rows" -f "$f")
	printf '%-10s %10s %10s %7.2fx\n' "$f" "$small" "$big" "$(echo "$big / $small" | bc -l)"
done
