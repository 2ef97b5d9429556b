package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/command"
)

// addHelp replaces cobra's help command with one that treats an unknown
// topic as a usage error with suggestions, and files help and completion
// under "Other Commands".
func (t *tree) addHelp() {
	root := t.root
	root.AddGroup(&cobra.Group{ID: otherGroupID, Title: "Other Commands:"})
	help := &cobra.Command{
		Use:   "help [command...]",
		Short: "Show help for any command",
		Long:  "Show help for the application or for the command named by the words given.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if t.abbrev {
				// "help fi li" is help for "files list".
				l := scanArgs(args, t.globals(), t.scanRoot())
				if l.err != nil {
					return l.err
				}
				args = l.args
			}
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

// checkCommandWords reports a word that names no command where a command
// word is expected, as an unknown command with suggestions, before cobra
// parses (rather than as an unknown flag of a group). The word may name a
// group of external commands that has no executable of its own
// ("demoapp-cloud-up" makes "cloud" a group), and suggestions may name
// external commands too: the line is scanned again with the external
// commands in the tree, and returned.
func (t *tree) checkCommandWords(l commandLine) (commandLine, error) {
	if l.extAt < 0 || l.about() || t.app.Main != nil {
		return l, nil
	}
	t.addExternalCommands()
	l = scanArgs(l.args, t.globals(), t.scanRoot())
	if l.extAt < 0 {
		return l, nil
	}
	return l, unknownCommand(l.node.(treeNode).cmd, l.external[0])
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
