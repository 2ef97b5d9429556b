package discovery

import (
	"fmt"
	"strings"

	"github.com/longshore/longshore/internal/names"
)

// FileName returns the executable name of the external command made of
// words: "<app>-" then the words joined by "-", with a hyphen inside a word
// written as "_". FileName("demoapp", ["dir-size"]) is "demoapp-dir_size".
func FileName(app string, words []string) string {
	var b strings.Builder
	b.WriteString(app)
	for _, w := range words {
		b.WriteByte('-')
		b.WriteString(strings.ReplaceAll(w, "-", "_"))
	}
	return b.String()
}

// ParseFileName returns the command words an executable called base stands
// for: "demoapp-files-stat" is ["files", "stat"] and "demoapp-dir_size" is
// ["dir-size"]. A base without the "<app>-" prefix, or with a word that is
// not a valid command word, is an error naming base.
func ParseFileName(app, base string) ([]string, error) {
	rest, ok := strings.CutPrefix(base, app+"-")
	if !ok || rest == "" {
		return nil, fmt.Errorf("plugin name %q: must start with %q and name a command", base, app+"-")
	}
	words := strings.Split(rest, "-")
	for i, w := range words {
		if strings.Contains(w, "__") || strings.HasPrefix(w, "_") || strings.HasSuffix(w, "_") {
			return nil, fmt.Errorf("plugin name %q: word %q: \"_\" must stand between letters or digits", base, w)
		}
		words[i] = strings.ReplaceAll(w, "_", "-")
		if err := names.CheckWord(words[i]); err != nil {
			return nil, fmt.Errorf("plugin name %q: %w", base, err)
		}
	}
	return words, nil
}

// candidateBases returns the executable names that could stand for words,
// longest first, down to min words: for ["files", "stat", "x"] and min 2,
// "demoapp-files-stat-x" then "demoapp-files-stat". Words that are not
// valid command words end the list: they can only be arguments.
func candidateBases(app string, words []string, min int) [][]string {
	n := 0
	for n < len(words) && names.CheckWord(words[n]) == nil {
		n++
	}
	if n > maxWords {
		n = maxWords
	}
	var out [][]string
	for k := n; k >= min && k >= 1; k-- {
		out = append(out, words[:k])
	}
	return out
}

// maxWords bounds how many leading words dispatch tries as one name, so
// that a long argument list costs a fixed number of stats.
const maxWords = 6
