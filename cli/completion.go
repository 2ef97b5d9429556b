package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/output"
)

// Names of the flags the formatters add, whose values completion offers.
const (
	formatFlag     = output.FormatFlag
	columnFlag     = output.ColumnFlag
	sortColumnFlag = output.SortColumnFlag
)

// completionShells are the shells "completion" writes a script for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// completionCommand returns "completion SHELL", which prints cobra's
// completion script for the shell; the script calls back into the app with
// cobra's hidden __complete command, so candidates are always current.
func completionCommand(name string) *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a script that teaches your shell to complete " + name,
		Long: fmt.Sprintf(`Print a script that teaches your shell to complete %[1]s's commands, flags,
formatter and column names, and arguments. The script asks %[1]s itself for the
candidates, so new commands and plugins complete without regenerating it.

Install it once for your shell:

  bash (needs the bash-completion package):
    mkdir -p ~/.local/share/bash-completion/completions
    %[1]s completion bash > ~/.local/share/bash-completion/completions/%[1]s
    or, for this session only: source <(%[1]s completion bash)

  zsh:
    %[1]s completion zsh > "${fpath[1]}/_%[1]s"
    (compinit must be enabled: autoload -U compinit; compinit in ~/.zshrc)

  fish:
    %[1]s completion fish > ~/.config/fish/completions/%[1]s.fish

  PowerShell:
    %[1]s completion powershell | Out-String | Invoke-Expression
    (add that line to your $PROFILE to keep it)

Start a new shell for the script to take effect.`, name),
		Example:               fmt.Sprintf("  source <(%s completion bash)", name),
		ValidArgs:             completionShells,
		DisableFlagsInUseLine: true,
		GroupID:               otherGroupID,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return command.Usagef("%s takes exactly one shell: %s", cmd.CommandPath(), strings.Join(completionShells, ", "))
			}
			for _, s := range completionShells {
				if args[0] == s {
					return nil
				}
			}
			return command.Usagef("unknown shell %q for %q (want one of %s)", args[0], cmd.CommandPath(), strings.Join(completionShells, ", "))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, w := cmd.Root(), cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, !noDesc)
			case "zsh":
				if noDesc {
					return root.GenZshCompletionNoDesc(w)
				}
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, !noDesc)
			default:
				if noDesc {
					return root.GenPowerShellCompletion(w)
				}
				return root.GenPowerShellCompletionWithDesc(w)
			}
		},
	}
	cmd.Flags().BoolVar(&noDesc, "no-descriptions", false, "leave out the descriptions of candidates")
	return cmd
}

// completer teaches a finished tree what its arguments and flag values
// are, and asks external plugins for theirs.
type completer struct {
	t    *tree
	sess *session
	out  *output.Outputs
	ctx  context.Context
	// line is the run's command line: a completion request or not.
	line      commandLine
	pluginEnv func(*discovery.Plugin) []string
}

// addCompletions teaches the finished tree what its arguments and flag
// values are (see addFlagCompletions and completeExternal).
func (c *completer) addCompletions() {
	c.addFlagCompletions()
	walk(c.t.root, func(cmd *cobra.Command) {
		if n := c.t.nodes.of(cmd); n.kind == kindExternal && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = c.completeExternal(n.plugin)
		}
	})
	c.narrowExternalCompletion()
}

// addFlagCompletions attaches the candidates for -f, for the column flags
// of listers that declare their columns and for every flag annotated with
// its choices (formatters.ChoicesAnnotation: a formatter's, a command's, a
// hook's), and keeps groups from completing file names. It runs once the whole tree is built, so it finds
// those flags by name wherever they were added.
func (c *completer) addFlagCompletions() {
	root := c.t.root
	if root.Flag(formatFlag) != nil {
		root.RegisterFlagCompletionFunc(formatFlag, c.completeFormats)
	}
	walk(root, func(cmd *cobra.Command) {
		if cmd.ValidArgsFunction == nil && cmd.HasSubCommands() {
			// A group takes no argument of its own: offer no file names.
			cmd.ValidArgsFunction = cobra.NoFileCompletions
		}
		n := c.t.nodes.of(cmd)
		if n.external() {
			// No flags of its own: the output options of the one completed
			// are added later (narrowExternalCompletion) and completed by
			// completeExternal. Asking for its flags would make a flag set
			// for each of them.
			return
		}
		declared := n.columns != nil
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			output := n.outputFlag(f.Name)
			column := f.Name == columnFlag || f.Name == sortColumnFlag
			_, choices := f.Annotations[formatters.ChoicesAnnotation]
			if (output || column && declared || choices) && f.Value.Type() != "bool" {
				cmd.RegisterFlagCompletionFunc(f.Name, c.completeOutputFlag(cmd, f))
			}
		})
	})
}

// completeOutputFlag offers the values of an output flag, or of a flag
// annotated with its choices: the declared columns (or fields) for the
// column flags, the choices annotated (formatters.ChoicesAnnotation), else
// nothing; never file names.
func (c *completer) completeOutputFlag(cmd *cobra.Command, f *pflag.Flag) cobra.CompletionFunc {
	if f.Name == columnFlag || f.Name == sortColumnFlag {
		if cols := c.t.nodes.of(cmd).columns; cols != nil {
			return completeColumns(cols)
		}
	}
	choices := f.Annotations[formatters.ChoicesAnnotation]
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return withPrefix(choices, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// walk calls fn on cmd and every command under it.
func walk(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, c := range cmd.Commands() {
		walk(c, fn)
	}
}

// completeArgs sets how a compiled-in command's positional arguments
// complete, from its ArgCompleter (given env) or Info.ArgKind, and keeps a lister's
// column declaration on its node for the column flags.
func completeArgs(n *node, c command.Command, info command.Info, env command.Env) {
	cc := n.cmd
	plugin := fmt.Sprintf("command %q", n.name)
	if cd, ok := c.(command.ColumnDeclarer); ok {
		n.columns = func() []string {
			cols, _ := command.GuardValue(plugin, func() ([]string, error) { return cd.Columns(), nil })
			return cols
		}
	}
	cc.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if info.Args.Max != command.Unlimited && len(args) >= info.Args.Max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if ac, ok := c.(command.ArgCompleter); ok {
			cands, err := command.GuardValue(plugin, func() ([]string, error) {
				return ac.CompleteArgs(env, args, toComplete), nil
			})
			if err != nil {
				cobra.CompDebugln(err.Error(), false)
			}
			return withPrefix(cands, toComplete), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, argDirective(info.ArgKind)
	}
}

// argDirective is what the shell should complete for an argument kind.
func argDirective(k command.ArgKind) cobra.ShellCompDirective {
	switch k {
	case command.ArgsNone:
		return cobra.ShellCompDirectiveNoFileComp
	case command.ArgsDirs:
		return cobra.ShellCompDirectiveFilterDirs
	}
	return cobra.ShellCompDirectiveDefault
}

// completeFormats offers for -f the formatters that render the output of
// the command being completed (any formatter before a command).
func (c *completer) completeFormats(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return withPrefix(c.out.ValidFormats(c.t.nodes.of(cmd).outputKind()), toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completeColumns offers a lister's declared columns for -c and
// --sort-column.
func completeColumns(columns func() []string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return withPrefix(columns(), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// withPrefix returns the candidates whose value (before any tab and its
// description) starts with prefix, in their order and without duplicates.
func withPrefix(cands []string, prefix string) []cobra.Completion {
	var out []cobra.Completion
	seen := map[string]bool{}
	for _, c := range cands {
		value, _, _ := strings.Cut(c, "\t")
		if strings.HasPrefix(value, prefix) && !seen[value] {
			seen[value] = true
			out = append(out, c)
		}
	}
	return out
}
