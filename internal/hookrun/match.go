package hookrun

import (
	"github.com/longshore/longshore/internal/names"
)

// MatchAny reports whether a command name (its words joined by single
// spaces) matches one of patterns, with the syntax of [hooks.Info].Commands.
func MatchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if names.MatchPattern(p, name) {
			return true
		}
	}
	return false
}
