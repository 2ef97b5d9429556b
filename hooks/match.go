package hooks

import (
	"fmt"
	"path"
	"strings"
)

// Match reports whether a command name (its words joined by single spaces)
// matches a hook's pattern. A pattern is words: a final "*" matches one or
// more remaining words ("files *" matches "files list" and "files acl
// show", not "files"), and "*" alone matches every command; every other word
// is a shell glob matched against one word ("files l*" matches "files list").
func Match(pattern, name string) bool {
	pw, nw := strings.Fields(pattern), strings.Fields(name)
	if len(pw) == 0 || len(nw) == 0 {
		return false
	}
	for i, p := range pw {
		if i == len(pw)-1 && p == "*" {
			return len(nw) > i
		}
		if i >= len(nw) {
			return false
		}
		if ok, err := path.Match(p, nw[i]); err != nil || !ok {
			return false
		}
	}
	return len(nw) == len(pw)
}

// MatchAny reports whether name matches one of patterns.
func MatchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if Match(p, name) {
			return true
		}
	}
	return false
}

// CheckPattern reports whether pattern is well formed: at least one word,
// each a valid shell glob.
func CheckPattern(pattern string) error {
	words := strings.Fields(pattern)
	if len(words) == 0 {
		return fmt.Errorf("empty command pattern")
	}
	for _, w := range words {
		if _, err := path.Match(w, ""); err != nil {
			return fmt.Errorf("command pattern %q: bad word %q: %w", pattern, w, err)
		}
	}
	return nil
}
