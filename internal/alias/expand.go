// Package alias expands the user's aliases and adds the default options
// of the user's configuration (see discovery.Alias and
// discovery.Default) to a command line, following kubectl's kuberc:
//
//	app ALIAS [user options] [user args]
//
// runs
//
//	app WORDS [alias args] [user options] [alias options the user did not give] [user args]
//
// and a command's default options count only where neither the user nor
// the alias gave that option. An alias expands once: the words it expands
// to are resolved as commands, never as aliases again, so no alias can
// loop.
//
// The package knows commands only through a [Resolver], so that the rules
// are tested with fake flag sets; the cli package implements it over its
// command tree.
package alias

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/internal/discovery"
)

// Resolver is what expansion needs to know of the app's commands.
type Resolver interface {
	// Resolve returns how many of words, from the first, name a command
	// (0 when they name none), and the options that command takes, the
	// app's global options included. Nil flags mean that the command
	// owns its options (an external plugin): its arguments are passed on
	// as they are.
	Resolve(words []string) (n int, flags *pflag.FlagSet)
}

// Expand returns args with the command alias a, the word at args[at],
// expanded. What comes before at (the app's global options) stays; a's
// options that the user gave (before or after the alias's name) are
// dropped. When the alias names an external plugin, a's arguments and the
// user's are passed on in that order, untouched. cfg names the file and
// line in errors: an expansion that names no command, or holds an option
// its command does not know.
func Expand(cfg *discovery.Config, a *discovery.Alias, args []string, at int, r Resolver) ([]string, error) {
	out, err := expand(a, args, at, r, func(name string) bool { return cfg.Alias(name) != nil })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Where(a.Line), err)
	}
	return out, nil
}

// Check returns an error when the alias a cannot expand: it is a command
// alias whose expansion names no command (isAlias says whether a word is
// another alias, for the message), or holds an option its command does not
// know. It is what alias set checks before it writes the alias.
func Check(a *discovery.Alias, isAlias func(string) bool, r Resolver) error {
	if a.Shell != "" {
		return nil
	}
	_, err := expand(a, []string{a.Name}, 0, r, isAlias)
	return err
}

// groupWords returns how many of words, which name no command an alias
// can run, name a group: "files nosuch" names the group "files" and none
// of its commands.
func groupWords(r Resolver, words []string) int {
	k := 0
	for k < len(words)-1 {
		if n, _ := r.Resolve(words[:k+1]); n != k+1 {
			break
		}
		k++
	}
	return k
}

// expand is Expand without the file and line in its errors.
func expand(a *discovery.Alias, args []string, at int, r Resolver, isAlias func(string) bool) ([]string, error) {
	if a.Shell != "" {
		return nil, fmt.Errorf("alias %q is a shell alias", a.Name)
	}
	words := leadingWords(a.Args)
	if len(words) == 0 {
		return nil, fmt.Errorf("alias %q: the expansion must start with a command word", a.Name)
	}
	n, flags := r.Resolve(words)
	if n == 0 {
		why := ""
		if isAlias(words[0]) {
			why = " (aliases expand once: an alias cannot name another)"
		}
		return nil, fmt.Errorf("alias %q: %q is not a command%s", a.Name, strings.Join(words[:groupWords(r, words)+1], " "), why)
	}
	out := slices.Clone(args[:at])
	user := args[at+1:]
	if flags == nil {
		return append(append(out, a.Args...), user...), nil
	}
	own := splitLine(a.Args[n:], flags, true)
	if err := checkOptions(own.options); err != nil {
		return nil, fmt.Errorf("alias %q: %w for %q", a.Name, err, strings.Join(a.Args[:n], " "))
	}
	given := splitLine(user, flags, false)
	gave := names(splitLine(args[:at], flags, false).options)
	for n := range names(given.options) {
		gave[n] = true
	}
	var kept []item
	for _, it := range own.options {
		if !slices.ContainsFunc(it.names, func(n string) bool { return gave[n] }) {
			kept = append(kept, it)
		}
	}
	out = append(out, a.Args[:n]...)
	dash := own.dash || given.dash
	if !dash {
		out = append(out, flatten(own.args)...)
	}
	if len(given.options) > 0 && given.options[len(given.options)-1].short {
		// The user's last option lacks its value: it stays last, so that it
		// is reported as it would be without the alias, rather than take
		// the alias's next option as its value.
		out = append(append(out, flatten(kept)...), flatten(given.options)...)
	} else {
		out = append(append(out, flatten(given.options)...), flatten(kept)...)
	}
	if dash {
		out = append(append(out, "--"), flatten(own.args)...)
	}
	return append(out, flatten(given.args)...), nil
}

// WithDefaults returns args with the default options d added where
// neither the user nor an alias gave them: right after the command words,
// which end at args[end-1]. flags are the command's options, the app's
// global options included; nil (an external plugin, whose options are its
// own) is an error, as is an option flags does not know. cfg names the
// file and line in errors.
func WithDefaults(cfg *discovery.Config, d *discovery.Default, args []string, end int, flags *pflag.FlagSet) ([]string, error) {
	if d == nil || len(d.Options) == 0 {
		return args, nil
	}
	if flags == nil {
		return nil, fmt.Errorf("%s: defaults for %q: it is an external plugin, whose options are its own; defaults apply to the app's own commands", cfg.Where(d.Line), d.Command)
	}
	defaults := splitLine(d.Options, flags, true)
	if err := checkOptions(defaults.options); err != nil {
		return nil, fmt.Errorf("%s: defaults for %q: %w", cfg.Where(d.Line), d.Command, err)
	}
	if len(defaults.args) > 0 || defaults.dash {
		return nil, fmt.Errorf("%s: defaults for %q: %q is not an option: defaults hold options only", cfg.Where(d.Line), d.Command, defaultsArg(defaults))
	}
	gave := names(splitLine(args, flags, false).options)
	var add []string
	for _, it := range defaults.options {
		if !slices.ContainsFunc(it.names, func(n string) bool { return gave[n] }) {
			add = append(add, it.args...)
		}
	}
	if len(add) == 0 {
		return args, nil
	}
	return slices.Concat(args[:end], add, args[end:]), nil
}

// defaultsArg returns the first argument of defaults that is no option.
func defaultsArg(l line) string {
	if len(l.args) == 0 {
		return "--"
	}
	return l.args[0].args[0]
}

// checkOptions returns an error for the first option the flags do not
// know, or that lacks its value.
func checkOptions(items []item) error {
	for _, it := range items {
		switch {
		case it.unknown != "":
			return fmt.Errorf("unknown option %s", it.unknown)
		case it.short:
			return fmt.Errorf("option %s needs a value", it.args[0])
		}
	}
	return nil
}

// leadingWords returns the arguments of args before the first option.
func leadingWords(args []string) []string {
	for i, a := range args {
		if isOption(a) || a == "--" {
			return args[:i]
		}
	}
	return args
}
