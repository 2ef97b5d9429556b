package names

import (
	"fmt"
	"strings"
)

// SplitName splits a command name into its words and checks each: a word is
// lower-case ASCII letters and digits, with single hyphens inside
// ("dir-size"), and starts with a letter.
func SplitName(name string) ([]string, error) {
	words := strings.Fields(name)
	if len(words) == 0 {
		return nil, fmt.Errorf("empty command name")
	}
	for _, w := range words {
		if err := CheckWord(w); err != nil {
			return nil, fmt.Errorf("command name %q: %w", name, err)
		}
	}
	return words, nil
}

// CheckWord reports whether w is a valid command word.
func CheckWord(w string) error {
	if w == "" {
		return fmt.Errorf("empty word")
	}
	if c := w[0]; c < 'a' || c > 'z' {
		return fmt.Errorf("word %q must start with a lower-case letter", w)
	}
	prev := byte(0)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if prev == '-' {
				return fmt.Errorf("word %q has a double hyphen", w)
			}
		default:
			return fmt.Errorf("word %q has %q: only a-z, 0-9 and inner hyphens are allowed", w, c)
		}
		prev = c
	}
	if prev == '-' {
		return fmt.Errorf("word %q ends with a hyphen", w)
	}
	return nil
}
