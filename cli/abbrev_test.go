package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// TestAbbreviations: with App.Abbreviations each command word may be a
// unique prefix of a name or alias; an exact name wins, arguments are
// never expanded, and a prefix of several names is a usage error listing
// them. Off, a prefix is an unknown command.
func TestAbbreviations(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		off      bool
		code     int
		out, err string
	}{
		{args: []string{"gr", "he", "--name", "Ada", "gr"}, out: "hello, Ada (greet hello gr)\n"},
		{args: []string{"greet", "h"}, out: "hello, world (greet hello )\n"},
		{args: []string{"-v", "gr", "-q", "hel"}, out: "hello, world (greet hello )\n"},
		{args: []string{"th", "l"}, out: "| n |"},
		{args: []string{"tea"}, out: "hello, world (tea )\n"},
		{args: []string{"te"}, out: "hello, world (tea )\n"},
		{args: []string{"t"}, code: 2, err: `tapp: error: ambiguous command "t" for "tapp": it abbreviates "tea", "things"` + "\n"},
		{args: []string{"th", "x"}, code: 2, err: `unknown command "x" for "tapp things"`},
		{args: []string{"gr", "he", "--help"}, out: "Usage:\n  tapp greet hello"},
		{args: []string{"help", "gr", "he"}, out: "Usage:\n  tapp greet hello"},
		{args: []string{"help", "t"}, code: 2, err: `ambiguous command "t" for "tapp"`},
		{args: []string{"gr", "he"}, off: true, code: 2, err: `unknown command "gr" for "tapp"`},
	} {
		a, out, errOut := testApp(t)
		a.Abbreviations = !tt.off
		a.Getenv = func(string) string { return "" }
		a.AddCommand("greet hello", func() command.Command { return &hello{} })
		a.AddCommand("tea", func() command.Command { return &hello{} })
		a.AddCommand("things list", func() command.Command { return &lister{} })
		code := a.Run(context.Background(), tt.args)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errOut.String(), tt.err) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.out, tt.err)
		}
	}
}
