package cli

import (
	"context"
	"testing"

	"github.com/spf13/cobra"
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

// TestBadFlagValueReasons: a value refused by a flag of one of pflag's
// own types is reported in Longshore's words whichever pflag the build
// selects (v1.1.0 says "must be an integer" even for a number out of
// range).
func TestBadFlagValueReasons(t *testing.T) {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.Int("int", 0, "")
	fs.Int8("int8", 0, "")
	fs.Int64("int64", 0, "")
	fs.Uint("uint", 0, "")
	fs.Uint8("uint8", 0, "")
	fs.Float32("float32", 0, "")
	fs.Float64("float", 0, "")
	fs.Bool("bool", false, "")
	fs.CountP("verbose", "v", "")
	fs.Duration("wait", 0, "")
	fs.IntSlice("ints", nil, "")
	tests := []struct{ arg, err string }{
		{"--int=abc", `invalid value "abc" for --int: not an integer`},
		{"--int=1.5", `invalid value "1.5" for --int: not an integer`},
		{"--int=99999999999999999999", `invalid value "99999999999999999999" for --int: out of range`},
		{"--int8=300", `invalid value "300" for --int8: out of range`},
		{"--int64=-99999999999999999999", `invalid value "-99999999999999999999" for --int64: out of range`},
		{"--uint=-1", `invalid value "-1" for --uint: not a non-negative integer`},
		{"--uint8=256", `invalid value "256" for --uint8: out of range`},
		{"--float32=1e39", `invalid value "1e39" for --float32: out of range`},
		{"--float=1e400", `invalid value "1e400" for --float: out of range`},
		{"--float=x", `invalid value "x" for --float: not a number`},
		{"--bool=maybe", `invalid value "maybe" for --bool: not true or false`},
		{"-v=x", `invalid value "x" for --verbose: not an integer`},
		{"--verbose=99999999999999999999", `invalid value "99999999999999999999" for --verbose: out of range`},
		{"--wait=5", `invalid value "5" for --wait: not a duration like "30s" or "1h30m"`},
		{"--ints=1,x", `invalid value "1,x" for --ints: not an integer`},
		{"--ints=99999999999999999999", `invalid value "99999999999999999999" for --ints: out of range`},
	}
	cmd := &cobra.Command{Use: "t"}
	for _, tt := range tests {
		err := flagError(cmd, fs.Parse([]string{tt.arg}))
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s: got %v, want %s", tt.arg, err, tt.err)
		}
	}
}
