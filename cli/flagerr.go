package cli

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

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
		f := bad.GetFlag()
		return command.Usagef("invalid value %q for --%s: %s", bad.GetValue(), f.Name, badValueReason(f, bad.GetValue(), errors.Unwrap(bad)))
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		return command.Usagef("%s for %q%s", msg, cmd.CommandPath(), didYouMean(similarFlags(cmd, name)))
	}
	return command.Usagef("%s for %q", msg, cmd.CommandPath())
}

// badValueReason says why value was refused for f, in words rather than
// strconv's or pflag's ("not an integer", not `strconv.ParseInt: parsing
// "abc": invalid syntax`). For a flag of pflag's own types it parses
// value again to tell which, rather than reading cause: pflag v1.1.0
// gives up the *strconv.NumError of v1.0.9 for its own text ("must be an
// integer"), and "out of range" with it.
func badValueReason(f *pflag.Flag, value string, cause error) string {
	if reason := pflagReason(f, value); reason != "" {
		return reason
	}
	var num *strconv.NumError
	if !errors.As(cause, &num) {
		return cause.Error()
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

// pflagReason says why value does not parse as the value of f, a flag of
// one of pflag's own scalar types; "" for another flag or a value that
// parses.
func pflagReason(f *pflag.Flag, value string) string {
	if pflagValue(f.Value) == "" {
		return ""
	}
	typ := f.Value.Type()
	var err error
	switch typ {
	case "int", "count", "int8", "int16", "int32", "int64":
		_, err = strconv.ParseInt(value, 0, bitSize(typ))
	case "uint", "uint8", "uint16", "uint32", "uint64":
		_, err = strconv.ParseUint(value, 0, bitSize(typ))
	case "float32", "float64":
		_, err = strconv.ParseFloat(value, bitSize(typ))
	case "bool":
		if _, err = strconv.ParseBool(value); err != nil {
			return "not true or false"
		}
		return ""
	case "duration":
		if _, err = time.ParseDuration(value); err != nil {
			return `not a duration like "30s" or "1h30m"`
		}
		return ""
	default:
		return ""
	}
	switch {
	case err == nil:
		return ""
	case errors.Is(err, strconv.ErrRange):
		return "out of range"
	case strings.HasPrefix(typ, "float"):
		return "not a number"
	case strings.HasPrefix(typ, "uint"):
		return "not a non-negative integer"
	}
	return "not an integer"
}

// bitSize returns the size in bits of a numeric type of pflag, its
// trailing digits ("int8": 8), or 0, an int's, for "int", "uint" and
// "count".
func bitSize(typ string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(typ, "abcdefghijklmnopqrstuvwxyz"))
	return n
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
