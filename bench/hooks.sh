#!/usr/bin/env bash
# Hook overhead: one in-process run of a no-op command through App.Run, bare
# and with 20 hooks attached elsewhere, 1 and 20 compiled-in hooks (flag +
# before + after each) and 1 external hook (a shell script reading its JSON
# document). Prints the median ns/op of each and its ratio to the bare run,
# all measured in the same run.
#
#   bash bench/hooks.sh [COUNT]    (default COUNT=7 repetitions)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
count=${1:-7}

go test -run '^$' -bench '^BenchmarkHooks$' -benchtime 500x -count "$count" ./cli |
	awk '
	/^BenchmarkHooks\// {
		name = $1; sub(/^BenchmarkHooks\//, "", name); sub(/-[0-9]+$/, "", name)
		if (!(name in n)) order[++k] = name
		v[name, ++n[name]] = $3
	}
	function median(name,   i, j, t, m, a) {
		m = n[name]
		for (i = 1; i <= m; i++) a[i] = v[name, i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	END {
		if (!("bare" in n)) { print "no bare run" > "/dev/stderr"; exit 1 }
		base = median("bare")
		printf "%-18s %12s %8s\n", "case", "median ns", "ratio"
		for (i = 1; i <= k; i++) {
			m = median(order[i])
			printf "%-18s %12.0f %8.2f\n", order[i], m, m / base
		}
	}'
