package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/output"
)

// Abbreviations (App.Abbreviations, always on in the interactive shell)
// let each command word be a unique prefix of a command's name, as cliff
// allows: "fi li" runs "files list". The scanner asks for one where a
// command word names no command (see abbreviator); an exact name always
// wins, and a prefix of several names is a usage error listing them.

// abbreviator is a scanNode that knows the names a command word may
// abbreviate.
type abbreviator interface {
	// abbreviation returns the one name under path (the command words
	// read so far) that word is a prefix of, "" when word is a name itself
	// or the prefix of none, or a usage error when it is the prefix of
	// several.
	abbreviation(path []string, word string) (string, error)
	// externalGroup reports whether path names a group of external
	// commands that is no plugin itself: the next word is a command word.
	externalGroup(path []string) bool
}

func (n treeNode) abbreviation(path []string, word string) (string, error) {
	if !n.t.abbrev {
		return "", nil
	}
	return n.t.abbreviation(path, word)
}

func (n treeNode) externalGroup(path []string) bool {
	return n.t.abbrev && n.t.externalGroup(path)
}

// abbreviation implements abbreviator for the tree: the names under path
// are those of the compiled-in commands (their aliases abbreviate them
// too; hidden ones only by their full name) and of the external commands
// a scan of the plugin directories and PATH finds, which is made only when
// a word is not a name itself.
func (t *tree) abbreviation(path []string, word string) (string, error) {
	if word == "" {
		return "", nil
	}
	names := map[string]string{} // a name or alias: the command's name
	cmd := t.root
	for _, w := range path {
		if cmd = childNamed(cmd, w); cmd == nil {
			break
		}
	}
	if cmd != nil {
		for _, c := range cmd.Commands() {
			if c.Hidden || c.Name() == cobra.ShellCompRequestCmd || c.Name() == cobra.ShellCompNoDescRequestCmd {
				continue
			}
			names[c.Name()] = c.Name()
			for _, a := range c.Aliases {
				names[a] = c.Name()
			}
		}
		if len(path) == 0 {
			names["help"] = "help" // added to the tree once it is built
		}
	}
	if _, ok := names[word]; ok {
		return "", nil
	}
	if len(path) == 0 && t.sess != nil {
		// The user's alias is a name too: expanded later, never
		// abbreviated, it beats a command it is a prefix of.
		if cfg := t.sess.userAliases(); cfg != nil && cfg.Alias(word) != nil {
			return "", nil
		}
	}
	for _, w := range t.externalWords(path) {
		if _, taken := names[w]; !taken {
			names[w] = w
		}
	}
	if _, ok := names[word]; ok {
		return "", nil
	}
	var cands []string
	for name, of := range names {
		if strings.HasPrefix(name, word) && !slices.Contains(cands, of) {
			cands = append(cands, of)
		}
	}
	slices.Sort(cands)
	switch len(cands) {
	case 0:
		return "", nil
	case 1:
		return cands[0], nil
	}
	where := strings.TrimSpace(t.app.Name + " " + strings.Join(path, " "))
	q := make([]string, len(cands))
	for i, c := range cands {
		q[i] = fmt.Sprintf("%q", c)
	}
	return "", command.Usagef("ambiguous command %q for %q: it abbreviates %s", word, where, strings.Join(q, ", "))
}

// externalWords returns the words that follow path in the names of the
// external commands a scan finds, less those no one can run (shadowed,
// reserved, disabled, external formatters).
func (t *tree) externalWords(path []string) []string {
	if t.app.Main != nil || t.sess == nil {
		return nil
	}
	s, err := t.sess.scan()
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range s.Plugins {
		if len(p.Words) <= len(path) || !slices.Equal(p.Words[:len(path)], path) || p.ShadowedBy != "" {
			continue
		}
		if _, ok := output.ConventionFormatter(p); ok || t.reserved(p.Words[0]) || t.sess.pluginDisabled(p.Name) {
			continue
		}
		out = append(out, p.Words[len(path)])
	}
	return out
}

// externalGroup reports whether words name a group of external commands
// and no plugin of their own: the word after them is still a command word
// (see scanArgs).
func (t *tree) externalGroup(words []string) bool {
	if len(t.externalWords(words)) == 0 {
		return false
	}
	s, err := t.sess.scan()
	if err != nil {
		return false
	}
	for _, p := range s.Plugins {
		if slices.Equal(p.Words, words) {
			return false
		}
	}
	return true
}
