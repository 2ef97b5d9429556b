package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/names"
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
				l := scanArgs(args, t.globals, t.scanRoot())
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
				return t.unknownHelpTopic(target, words[0])
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
//
// An option the scanner does not know before that word is reported
// first, as the unknown flag it is: the word may be its value ("-c name
// files list"). And a word after "--" where a command word is expected
// is an argument the command named does not take ("demoapp -- version").
func (t *tree) checkCommandWords(l commandLine) (commandLine, error) {
	if l.about() || t.app.Main != nil {
		return l, nil
	}
	if l.extAt < 0 && l.dashArg < 0 {
		return l, nil
	}
	t.addExternalCommands()
	l = scanArgs(l.args, t.globals, t.scanRoot())
	cmd := l.node.(treeNode).cmd
	switch {
	case l.extAt >= 0 && len(l.unknown) > 0:
		err := unknownOption(t, cmd, l.unknown)
		if opt := l.unknown[0]; err != nil && strings.HasPrefix(opt, "--") && !strings.Contains(opt, "=") {
			// It may be a hook's option of the command the next words
			// name, given with its value before them.
			err = command.Usagef("%v (an option of a command goes after the command's words, or as %s=VALUE before them)", err, opt)
		}
		return l, err
	case l.extAt >= 0:
		return l, t.unknownCommand(cmd, l.external[0])
	case l.dashArg >= 0 && !l.help:
		return l, command.Usagef("unexpected argument %q after \"--\" for %q: command words go before \"--\"", l.args[l.dashArg], cmd.CommandPath())
	}
	return l, nil
}

// unknownOption is the flag error for the first of the options unknown
// (neither the app's global options nor cmd's own).
func unknownOption(t *tree, cmd *cobra.Command, unknown []string) error {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.AddFlagSet(t.globals())
	fs.AddFlagSet(cmd.Flags())
	err := fs.Parse(unknown)
	if err == nil {
		return nil
	}
	return flagError(cmd, err)
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
func (t *tree) unknownCommand(cmd *cobra.Command, word string) error {
	return command.Usagef("unknown command %q for %q%s", word, cmd.CommandPath(), didYouMean(t.suggestionsFor(cmd, word)))
}

func (t *tree) unknownHelpTopic(cmd *cobra.Command, word string) error {
	return command.Usagef("unknown help topic %q for %q%s", word, cmd.CommandPath(), didYouMean(t.suggestionsFor(cmd, word)))
}

// suggestionsFor returns cobra's suggestions for word under cmd, but
// none that helps nobody: word itself, an external plugin that cannot run
// (invalid, or refused by the trust rules), or a name that shares no
// letter's place with a short word ("fi" is not "hk", though two edits
// apart; it is a prefix of "files").
func (t *tree) suggestionsFor(cmd *cobra.Command, word string) []string {
	var out []string
	for _, s := range cmd.SuggestionsFor(word) {
		c := childNamed(cmd, s)
		if s == word || c == nil {
			continue
		}
		if p := t.nodes.of(c).plugin; p != nil && (p.Invalid != nil || p.Refused() != nil) {
			continue
		}
		near := strings.HasPrefix(strings.ToLower(s), strings.ToLower(word)) || names.Distance(word, s) < len(word)
		if near || slices.ContainsFunc(c.SuggestFor, func(f string) bool { return strings.EqualFold(f, word) }) {
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
