package hooks

import "github.com/longshore/longshore/command"

// Match reports whether a command name (its words joined by single spaces)
// matches a hook's pattern: [command.MatchPattern], the one syntax shared
// with the hooks plugin manifests declare. A final "*" matches one or more
// remaining words ("files *" matches "files list" and "files acl show",
// not "files"), and "*" alone matches every command; every other word is a
// shell glob matched against one word ("files l*" matches "files list").
func Match(pattern, name string) bool { return command.MatchPattern(pattern, name) }

// MatchAny reports whether name matches one of patterns.
func MatchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if Match(p, name) {
			return true
		}
	}
	return false
}

// CheckPattern reports whether pattern is well formed
// ([command.CheckPattern]): words, each a command word or a shell glob
// over command-word characters.
func CheckPattern(pattern string) error { return command.CheckPattern(pattern) }
