package names

import (
	"fmt"
	"path"
	"strings"
)

// CheckPattern reports whether pattern is a well-formed command pattern,
// the one syntax hooks attach with (compiled in or declared in a plugin
// manifest): one or more words, each a command word ("files") or a shell
// glob over command-word characters, that is a-z, 0-9 and "-" plus the
// glob operators "*", "?" and "[...]" ("l*", "?ist", "[a-f]*", "[^s]*",
// "*"), as [path.Match] reads them. A glob needs no escapes, as command
// words have no special characters, so "\" is refused, and so is "!" (the
// shell's "[!s]" is written "[^s]"): no word is accepted that could never
// match or would match differently from what a shell user expects.
func CheckPattern(pattern string) error {
	words := strings.Fields(pattern)
	if len(words) == 0 {
		return fmt.Errorf("empty command pattern")
	}
	for _, w := range words {
		if err := checkPatternWord(w); err != nil {
			return fmt.Errorf("command pattern %q: %w", pattern, err)
		}
	}
	return nil
}

func checkPatternWord(w string) error {
	if !strings.ContainsAny(w, "*?[") {
		return CheckWord(w)
	}
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-':
		case c == '*', c == '?', c == '[', c == ']', c == '^':
		default:
			return fmt.Errorf("glob %q has %q: only a-z, 0-9, - and the operators * ? [ ] ^ are allowed", w, c)
		}
	}
	if _, err := path.Match(w, ""); err != nil {
		return fmt.Errorf("glob %q: %w", w, err)
	}
	return nil
}

// MatchPattern reports whether a command name (its words joined by
// spaces) matches pattern, word by word: a final "*" matches one or more
// remaining words ("files *" matches "files list" and "files acl show",
// not "files"), so "*" alone matches every command; every other word is a
// shell glob ([path.Match]) for exactly one word ("* list" matches "env
// list", "files l*" matches "files list"). A pattern [CheckPattern]
// refuses matches nothing.
func MatchPattern(pattern, name string) bool {
	if CheckPattern(pattern) != nil {
		return false
	}
	pw, nw := strings.Fields(pattern), strings.Fields(name)
	if len(nw) == 0 {
		return false
	}
	for i, p := range pw {
		if i == len(pw)-1 && p == "*" {
			return len(nw) > i
		}
		if i >= len(nw) {
			return false
		}
		if ok, _ := path.Match(p, nw[i]); !ok {
			return false
		}
	}
	return len(nw) == len(pw)
}
