package cli

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/names"
)

// flagError turns a flag parsing error of a command of the tree into a
// usage error, as the function flagError does, except that an unknown
// flag of a formatter other than the one -f picks (not declared on the
// command, see output.Outputs.Lean) is reported as such.
func (t *tree) flagError(cmd *cobra.Command, err error) error {
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		if out := t.nodes.of(cmd).output; out != nil {
			if err := out.OtherFormatterFlag(name); err != nil {
				return err
			}
		}
	}
	return flagError(cmd, err)
}

// flagError turns a flag parsing error into a usage error, suggesting the
// nearest flag names for an unknown flag.
func flagError(cmd *cobra.Command, err error) error {
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) {
		return command.Usagef("invalid value %q for --%s: %s", bad.GetValue(), bad.GetFlag().Name, badValueReason(errors.Unwrap(bad)))
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		return command.Usagef("%s for %q%s", msg, cmd.CommandPath(), didYouMean(similarFlags(cmd, name)))
	}
	return command.Usagef("%s for %q", msg, cmd.CommandPath())
}

// badValueReason says why a flag's value was refused, in words rather than
// strconv's ("not an integer", not `strconv.ParseInt: parsing "abc": invalid
// syntax`).
func badValueReason(err error) string {
	var num *strconv.NumError
	if !errors.As(err, &num) {
		return err.Error()
	}
	switch {
	case errors.Is(num.Err, strconv.ErrRange):
		return "out of range"
	case num.Func == "ParseFloat":
		return "not a number"
	case num.Func == "ParseBool":
		return "not true or false"
	}
	return "not an integer"
}

// similarFlags returns "--name" for the flags of cmd within edit distance 2
// of name or starting with it, sorted.
func similarFlags(cmd *cobra.Command, name string) []string {
	var out []string
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		if names.Distance(name, f.Name) <= 2 || strings.HasPrefix(f.Name, name) {
			out = append(out, "--"+f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	sort.Strings(out)
	return out
}
