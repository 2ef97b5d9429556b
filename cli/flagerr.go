package cli

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

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
		if levenshtein(name, f.Name) <= 2 || strings.HasPrefix(f.Name, name) {
			out = append(out, "--"+f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	sort.Strings(out)
	return out
}

// levenshtein is the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
