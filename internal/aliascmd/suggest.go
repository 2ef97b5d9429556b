package aliascmd

import (
	"strings"
)

// didYouMean returns a clause naming the names close to name (within two
// edits, one for a name of three letters or less, or starting with it),
// for a one-line error; "" when none is.
func didYouMean(name string, names []string) string {
	edits := 2
	if len(name) <= 3 {
		edits = 1
	}
	var close []string
	for _, n := range names {
		if strings.HasPrefix(n, name) || distance(name, n) <= edits {
			close = append(close, `"`+n+`"`)
		}
	}
	if len(close) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(close, " or ") + "?"
}

// distance is the edit distance between a and b, in bytes.
func distance(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			old := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, diag+cost)
			diag = old
		}
	}
	return row[len(b)]
}
