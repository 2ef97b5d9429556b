package discovery

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/internal/names"
)

// Alias is one entry of the configuration's aliases section: a name that
// stands for a command with preset arguments and options (git's aliases,
// kubectl's kuberc), or, written with a leading "!", for a shell command.
//
//	aliases:
//	  ls: files list -f csv           # a command alias
//	  csv: [files, list, -f, csv]     # the same, as a list
//	  st: "!git status"               # a shell alias (quoted: "!" starts a YAML tag)
type Alias struct {
	// Name is the alias: one command word.
	Name string
	// Args are the words, arguments and options of a command alias, split
	// as a shell would (see SplitArgs); nil for a shell alias.
	Args []string
	// Shell is the command line of a shell alias, without its "!"; empty
	// for a command alias.
	Shell string
	// Line is the line of the configuration file that defines the alias.
	Line int
}

// Expansion returns the alias's expansion as the user writes it: "!" and
// the shell command, or the arguments joined (see JoinArgs).
func (a Alias) Expansion() string {
	if a.Shell != "" {
		return "!" + a.Shell
	}
	return JoinArgs(a.Args)
}

// Default is one entry of the configuration's defaults section: options a
// command gets when the user does not give them (kubectl's kuberc
// defaults).
//
//	defaults:
//	  files list: [--sort-column, name]
//	  files show: -f yaml
type Default struct {
	// Command is the command's words, joined by single spaces.
	Command string
	// Options are the options and their values.
	Options []string
	// Line is the line of the configuration file that sets them.
	Line int
}

// Alias returns the alias called name, or nil.
func (c *Config) Alias(name string) *Alias {
	if c == nil {
		return nil
	}
	for i := range c.Aliases {
		if c.Aliases[i].Name == name {
			return &c.Aliases[i]
		}
	}
	return nil
}

// DefaultsOf returns the default options of the command called name (its
// words joined by single spaces), or nil.
func (c *Config) DefaultsOf(name string) *Default {
	if c == nil {
		return nil
	}
	for i := range c.Defaults {
		if c.Defaults[i].Command == name {
			return &c.Defaults[i]
		}
	}
	return nil
}

// Where returns "path:line", naming a line of the configuration file in
// messages.
func (c *Config) Where(line int) string {
	return fmt.Sprintf("%s:%d", Escape(c.Path), line)
}

// CheckAliasName returns an error when name cannot be an alias: it must be
// one command word (lower-case letters, digits, inner hyphens).
func CheckAliasName(name string) error {
	if err := names.CheckWord(name); err != nil {
		return fmt.Errorf("alias name: %w", err)
	}
	return nil
}

// ParseExpansion returns the alias called name that the expansion text
// defines: a shell alias when it starts with "!", else a command alias,
// which must start with a command word.
func ParseExpansion(name, text string) (Alias, error) {
	a := Alias{Name: name}
	if sh, ok := strings.CutPrefix(text, "!"); ok {
		a.Shell = strings.TrimSpace(sh)
		if a.Shell == "" {
			return a, fmt.Errorf("alias %q: empty shell command after \"!\"", name)
		}
		return a, nil
	}
	args, err := SplitArgs(text)
	if err != nil {
		return a, fmt.Errorf("alias %q: %w", name, err)
	}
	a.Args = args
	return a, a.checkArgs()
}

// checkArgs checks a command alias's arguments: at least one, the first a
// command word.
func (a Alias) checkArgs() error {
	if len(a.Args) == 0 {
		return fmt.Errorf("alias %q: empty expansion", a.Name)
	}
	if isOption(a.Args[0]) {
		return fmt.Errorf("alias %q: the expansion must start with a command word, not the option %s", a.Name, a.Args[0])
	}
	if err := names.CheckWord(a.Args[0]); err != nil {
		return fmt.Errorf("alias %q: the expansion must start with a command word: %w", a.Name, err)
	}
	return nil
}

// parseAliases reads the aliases section n into c; errors name path:line.
func (c *Config) parseAliases(n *yaml.Node) error {
	return eachEntry(c.Path, n, "aliases", func(k, v *yaml.Node) error {
		if err := CheckAliasName(k.Value); err != nil {
			return fmt.Errorf("%s: %w", c.Where(k.Line), err)
		}
		var a Alias
		var err error
		if v.Kind == yaml.ScalarNode && !plainTag(v) {
			return fmt.Errorf("%s: alias %q: the tag %s is not allowed: quote a shell alias (%s: \"!...\")", c.Where(v.Line), k.Value, v.Tag, k.Value)
		}
		if v.Kind == yaml.ScalarNode {
			a, err = ParseExpansion(k.Value, v.Value)
		} else {
			a.Name = k.Value
			var at int
			if a.Args, at, err = stringList(v); err != nil {
				return fmt.Errorf("%s: alias %q: %w", c.Where(at), k.Value, err)
			}
			err = a.checkArgs()
		}
		if err != nil {
			return fmt.Errorf("%s: %w", c.Where(v.Line), err)
		}
		a.Line = k.Line
		c.Aliases = append(c.Aliases, a)
		return nil
	})
}

// parseDefaults reads the defaults section n into c; errors name
// path:line.
func (c *Config) parseDefaults(n *yaml.Node) error {
	return eachEntry(c.Path, n, "defaults", func(k, v *yaml.Node) error {
		words, err := names.SplitName(k.Value)
		if err != nil {
			return fmt.Errorf("%s: defaults: %w", c.Where(k.Line), err)
		}
		name := strings.Join(words, " ")
		var opts []string
		at := v.Line
		if v.Kind == yaml.ScalarNode && plainTag(v) {
			opts, err = SplitArgs(v.Value)
		} else {
			opts, at, err = stringList(v)
		}
		if err == nil && len(opts) > 0 && !isOption(opts[0]) {
			err = fmt.Errorf("%q is not an option: defaults hold options only", opts[0])
		}
		if err != nil {
			return fmt.Errorf("%s: defaults for %q: %w", c.Where(at), name, err)
		}
		if d := c.DefaultsOf(name); d != nil {
			return fmt.Errorf("%s: defaults for %q are set twice (first at line %d)", c.Where(k.Line), name, d.Line)
		}
		c.Defaults = append(c.Defaults, Default{Command: name, Options: opts, Line: k.Line})
		return nil
	})
}

// eachEntry calls f with each key and value of the mapping n (the value of
// the top-level key section); a key given twice is an error. A missing or
// null section has no entries.
func eachEntry(path string, n *yaml.Node, section string, f func(k, v *yaml.Node) error) error {
	if n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s: want a mapping, not %s", Escape(path), n.Line, section, kindName(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, ok := seen[k.Value]; ok {
			return fmt.Errorf("%s:%d: %s: %q is given twice (first at line %d)", Escape(path), k.Line, section, k.Value, first)
		}
		seen[k.Value] = k.Line
		if err := f(k, v); err != nil {
			return err
		}
	}
	return nil
}

// stringList returns the strings of the sequence n, and the line of n or,
// on error, of the value at fault.
func stringList(n *yaml.Node) ([]string, int, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, n.Line, fmt.Errorf("want a string or a list of strings, not %s", kindName(n))
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode || !plainTag(item) || item.Tag == "!!null" {
			return nil, item.Line, fmt.Errorf("want a string, not %s", kindName(item))
		}
		out = append(out, item.Value)
	}
	return out, n.Line, nil
}

// plainTag reports whether the scalar n has one of YAML's own tags (a
// string, a number, a boolean), not a local tag such as "!git".
func plainTag(n *yaml.Node) bool {
	return n.Tag == "" || strings.HasPrefix(n.Tag, "!!")
}

// kindName names the kind of YAML value n is, for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "a YAML alias"
	}
	what := map[string]string{"!!str": "the string", "!!int": "the integer", "!!float": "the number",
		"!!bool": "the boolean", "!!null": "null"}[n.Tag]
	switch {
	case n.Tag == "!!null":
		return what
	case what == "":
		what = "the tagged value " + n.Tag
	}
	return fmt.Sprintf("%s `%s`", what, n.Value)
}

// isOption reports whether arg is an option ("-x", "--name"), not a word.
func isOption(arg string) bool { return len(arg) > 1 && arg[0] == '-' }
