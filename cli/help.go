package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// addHelp replaces cobra's help command with one that treats an unknown
// topic as a usage error with suggestions, and files help and completion
// under "Other Commands".
func (r *run) addHelp() {
	root := r.root
	root.AddGroup(&cobra.Group{ID: otherGroupID, Title: "Other Commands:"})
	help := &cobra.Command{
		Use:   "help [command...]",
		Short: "Show help for any command",
		Long:  "Show help for the application or for the command named by the words given.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil {
				return command.Usagef("%s", oneLine(err.Error()))
			}
			if words := nonFlags(rest); len(words) > 0 {
				return unknownHelpTopic(target, words[0])
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range target.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	root.SetHelpCommand(help)
	root.SetHelpCommandGroupID(otherGroupID)
	root.SetCompletionCommandGroupID(otherGroupID)
}

// checkCommandWords finds the command args name before cobra parses them,
// so that an unknown word is reported as an unknown command, with
// suggestions, rather than as an unknown flag of a group.
func (r *run) checkCommandWords(args []string) error {
	cmd, rest, err := r.root.Find(args)
	if err != nil || cmd.Runnable() && cmd != r.root || cmd == r.root && r.single() {
		return nil
	}
	words := wordsBefore(rest, cmd.Flags(), r.root.PersistentFlags())
	if len(words) == 0 || childNamed(cmd, words[0]) != nil {
		// No command word, or cobra took the word for an unknown flag's
		// value: cobra's own parsing reports the flag.
		return nil
	}
	if cmd == r.root && (words[0] == "help" || words[0] == cobra.ShellCompRequestCmd || words[0] == cobra.ShellCompNoDescRequestCmd) {
		return nil
	}
	if !r.external {
		// After a miss, look again with the external commands in the tree:
		// the word may name a group of external commands that has no
		// executable of its own ("demoapp-cloud-up" makes "cloud" a group),
		// and suggestions may name external commands too.
		r.addExternalCommands()
		return r.checkCommandWords(args)
	}
	return unknownCommand(cmd, words[0])
}

// wordsBefore returns the arguments that are not flags or flag values,
// knowing which flags of the given sets take a value; an unknown flag is
// taken to have none. It stops at "--".
func wordsBefore(args []string, sets ...*pflag.FlagSet) (words []string) {
	idx, dash := wordIndexes(args, sets...)
	for _, i := range idx {
		words = append(words, args[i])
	}
	if dash >= 0 {
		words = append(words, args[dash+1:]...)
	}
	return words
}

// wordIndexes returns the positions in args of the arguments that are not
// flags or flag values (see wordsBefore), and the position of "--" or -1.
func wordIndexes(args []string, sets ...*pflag.FlagSet) (idx []int, dash int) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var f *pflag.Flag
		switch {
		case a == "--":
			return idx, i
		case strings.HasPrefix(a, "--"):
			name, _, hasValue := strings.Cut(a[2:], "=")
			if f = lookupLong(name, sets); !hasValue && takesValue(f) {
				i++
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			// In a run of shorthands ("-av") only the last may take a value.
			for _, c := range a[1:] {
				if f = lookupShort(string(c), sets); takesValue(f) {
					break
				}
			}
			if takesValue(f) && strings.HasSuffix(a, f.Shorthand) {
				i++
			}
		default:
			idx = append(idx, i)
		}
	}
	return idx, -1
}

func lookupLong(name string, sets []*pflag.FlagSet) *pflag.Flag {
	for _, s := range sets {
		if f := s.Lookup(name); f != nil {
			return f
		}
	}
	return nil
}

func lookupShort(short string, sets []*pflag.FlagSet) *pflag.Flag {
	for _, s := range sets {
		if f := s.ShorthandLookup(short); f != nil {
			return f
		}
	}
	return nil
}

// takesValue reports whether flag f consumes the next argument; an unknown
// flag is assumed not to.
func takesValue(f *pflag.Flag) bool {
	return f != nil && f.NoOptDefVal == ""
}

// nonFlags returns the arguments that do not start with "-".
func nonFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			out = append(out, a)
		}
	}
	return out
}

// unknownCommand is the usage error for a word that names no subcommand of
// cmd, with cobra's suggestions.
func unknownCommand(cmd *cobra.Command, word string) error {
	return command.Usagef("unknown command %q for %q%s", word, cmd.CommandPath(), didYouMean(suggestionsFor(cmd, word)))
}

func unknownHelpTopic(cmd *cobra.Command, word string) error {
	return command.Usagef("unknown help topic %q for %q%s", word, cmd.CommandPath(), didYouMean(suggestionsFor(cmd, word)))
}

// suggestionsFor returns cobra's suggestions for word under cmd, without
// word itself: a suggestion repeating what was typed helps nobody.
func suggestionsFor(cmd *cobra.Command, word string) []string {
	var out []string
	for _, s := range cmd.SuggestionsFor(word) {
		if s != word {
			out = append(out, s)
		}
	}
	return out
}

// didYouMean renders suggestions as a clause for a one-line error.
func didYouMean(suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	q := make([]string, len(suggestions))
	for i, s := range suggestions {
		q[i] = "\"" + s + "\""
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}
