package plugincmd

import (
	"sort"
	"strings"

	"github.com/longshore/longshore/internal/names"
)

// similar returns the names within edit distance 2 of name, or starting
// with it, once each and sorted.
func similar(name string, candidates []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range candidates {
		if !seen[n] && (names.Distance(name, n) <= 2 || strings.HasPrefix(n, name)) {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// didYouMean renders suggestions as a clause for a one-line error, as cli
// does for unknown commands.
func didYouMean(suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	q := make([]string, len(suggestions))
	for i, s := range suggestions {
		q[i] = "\"" + s + "\""
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}
