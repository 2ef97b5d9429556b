package cli

import (
	"context"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// counter is a lister with flags of several types.
type counter struct {
	lister
	n     int
	ratio float64
	on    bool
}

func (c *counter) Flags(fs *pflag.FlagSet) {
	fs.IntVar(&c.n, "count", 1, "how many")
	fs.Float64Var(&c.ratio, "ratio", 1, "a ratio")
	fs.BoolVar(&c.on, "on", false, "on")
}

// TestBadFlagValues pins how a flag value of the wrong type is reported:
// one line naming the flag and the value in words, exit 2, whatever parsed
// it (pflag's own types or a formatter's flag).
func TestBadFlagValues(t *testing.T) {
	a, out, errOut := testApp(t)
	if err := a.AddCommand("things list", func() command.Command { return &counter{} }); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"things", "list", "--count", "abc"}, `invalid value "abc" for --count: not an integer`},
		{[]string{"things", "list", "--count=1.5"}, `invalid value "1.5" for --count: not an integer`},
		{[]string{"things", "list", "--count", "99999999999999999999"}, `invalid value "99999999999999999999" for --count: out of range`},
		{[]string{"things", "list", "--max-width", "abc"}, `invalid value "abc" for --max-width: not an integer`},
		{[]string{"things", "list", "--ratio", "x"}, `invalid value "x" for --ratio: not a number`},
		{[]string{"things", "list", "--on=maybe"}, `invalid value "maybe" for --on: not true or false`},
		{[]string{"-v=x", "things", "list"}, `invalid value "x" for --verbose: not an integer`},
	}
	for _, tt := range tests {
		out.Reset()
		errOut.Reset()
		want := "tapp: error: " + tt.err + "\n"
		if code := a.Run(context.Background(), tt.args); code != 2 || out.Len() != 0 || errOut.String() != want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, \"\", %q", tt.args, code, out, errOut, want)
		}
	}
}
