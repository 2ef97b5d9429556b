package cli

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// TestHelpGroupsFlagsOfMain: a single-command app's help groups its flags
// as a lister's: its own, the output options with -f, each formatter's,
// then the global options.
func TestHelpGroupsFlagsOfMain(t *testing.T) {
	a, out, errOut := testApp(t)
	a.Main = func() command.Command { return &lister{} }
	if code := a.Run(context.Background(), []string{"--help"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := regexp.MustCompile(`(?s)\nFlags:\n  -h, --help +help for tapp\n      --version .*` +
		`\n\nOutput Flags:\n  -f, --format FORMAT .*\n  -c, --column NAME .*` +
		`\n\nOutput Flags \(-f csv\):\n      --quote MODE +quote the fields .*` +
		`\n\nGlobal Flags:\n.*      --config FILE .*\n  -v, --verbose count .*\n$`)
	if !want.MatchString(out.String()) {
		t.Errorf("help:\n%s", out)
	}
}

// boolValue is a flag value of the user's own that takes no value, as
// --fit-width's does.
type boolValue struct{ on bool }

func (b *boolValue) String() string   { return strconv.FormatBool(b.on) }
func (b *boolValue) Type() string     { return "bool" }
func (b *boolValue) IsBoolFlag() bool { return true }
func (b *boolValue) Set(s string) (err error) {
	b.on, err = strconv.ParseBool(s)
	return err
}

// TestFlagUsages pins the line help and the reference write for each kind
// of flag: the same whichever pflag the build selects (v1.1.0's own
// FlagUsages writes "--on[=true|false]" for a bool, and pads for it).
func TestFlagUsages(t *testing.T) {
	tests := []struct {
		name    string
		declare func(fs *pflag.FlagSet)
		want    string
	}{
		{"bool", func(fs *pflag.FlagSet) { fs.BoolP("help", "h", false, "show help") }, "  -h, --help   show help"},
		{"bool true", func(fs *pflag.FlagSet) { fs.Bool("on", true, "turn on") }, "      --on   turn on (default true)"},
		{"own bool", func(fs *pflag.FlagSet) {
			fs.VarPF(&boolValue{true}, "fit", "", "fit").NoOptDefVal = "true"
		}, "      --fit   fit (default true)"},
		{"count", func(fs *pflag.FlagSet) { fs.CountP("verbose", "v", "log more") }, "  -v, --verbose count   log more"},
		{"string", func(fs *pflag.FlagSet) { fs.String("name", "", "a name") }, "      --name string   a name"},
		{"string default", func(fs *pflag.FlagSet) { fs.String("name", "x y", "a name") }, `      --name string   a name (default "x y")`},
		{"quoted name", func(fs *pflag.FlagSet) { fs.String("config", "", "read `FILE` first") }, "      --config FILE   read FILE first"},
		{"optional string", func(fs *pflag.FlagSet) {
			fs.String("color", "auto", "colour `WHEN`")
			fs.Lookup("color").NoOptDefVal = "always"
		}, `      --color WHEN[="always"]   colour WHEN (default "auto")`},
		{"optional int", func(fs *pflag.FlagSet) { fs.Int("n", 0, "n"); fs.Lookup("n").NoOptDefVal = "3" }, "      --n int[=3]   n"},
		{"int", func(fs *pflag.FlagSet) { fs.Int("n", 5, "how many") }, "      --n int   how many (default 5)"},
		{"int64", func(fs *pflag.FlagSet) { fs.Int64("n", 0, "how many") }, "      --n int   how many"},
		{"float", func(fs *pflag.FlagSet) { fs.Float64("ratio", 0.5, "a ratio") }, "      --ratio float   a ratio (default 0.5)"},
		{"duration", func(fs *pflag.FlagSet) { fs.Duration("wait", 0, "wait") }, "      --wait duration   wait"},
		{"duration default", func(fs *pflag.FlagSet) { fs.Duration("wait", time.Minute, "wait") }, "      --wait duration   wait (default 1m0s)"},
		{"string slice", func(fs *pflag.FlagSet) { fs.StringSlice("tag", nil, "tags") }, "      --tag strings   tags"},
		{"string slice default", func(fs *pflag.FlagSet) { fs.StringSlice("tag", []string{"a", "b"}, "tags") }, "      --tag strings   tags (default [a,b])"},
		{"string array", func(fs *pflag.FlagSet) { fs.StringArray("add", nil, "add") }, "      --add stringArray   add"},
		{"int slice", func(fs *pflag.FlagSet) { fs.IntSlice("id", []int{1}, "ids") }, "      --id ints   ids (default [1])"},
		{"hidden", func(fs *pflag.FlagSet) { fs.Bool("secret", false, "s"); fs.MarkHidden("secret") }, ""},
		{"deprecated shorthand", func(fs *pflag.FlagSet) {
			fs.BoolP("all", "a", false, "all")
			fs.MarkShorthandDeprecated("all", "use --all")
		}, "      --all   all"},
		{"deprecated shown", func(fs *pflag.FlagSet) { fs.Bool("old", false, "old"); fs.Lookup("old").Deprecated = "use --new" }, "      --old   old (DEPRECATED: use --new)"},
	}
	for _, tt := range tests {
		fs := pflag.NewFlagSet(tt.name, pflag.ContinueOnError)
		tt.declare(fs)
		want := tt.want
		if want != "" {
			want += "\n"
		}
		if got := flagUsages(fs); got != want {
			t.Errorf("%s: got %q, want %q", tt.name, got, want)
		}
	}

	// Names pad to a common column, in the set's order; a usage of
	// several lines is indented to that column.
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.StringP("output", "o", "", "write to `FILE`\nor - for stdout")
	fs.Bool("all", false, "all")
	want := "  -o, --output FILE   write to FILE\n" +
		"                      or - for stdout\n" +
		"      --all           all\n"
	if got := flagUsages(fs); got != want {
		t.Errorf("aligned: got\n%s\nwant\n%s", got, want)
	}
}

// TestFlagUsagesWrapped pins the help's flag lines on a terminal of 60
// columns: each usage wraps at spaces to fit, indented to the usage
// column; a word longer than the column stays whole; off a terminal (0)
// nothing wraps; and a column narrower than minUsageWidth is left alone.
func TestFlagUsagesWrapped(t *testing.T) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.String("format", "table", "output `FORMAT` of listers and showers: csv, html, json, jsonl, markdown, table")
	fs.Bool("all", false, "include entries whose name starts with a dot")
	fs.String("url", "", "fetch from https://example.com/a/very/long/path/that/does/not/fit/anywhere")
	want := "" +
		"      --all             include entries whose name starts\n" +
		"                        with a dot\n" +
		"      --format FORMAT   output FORMAT of listers and\n" +
		"                        showers: csv, html, json, jsonl,\n" +
		"                        markdown, table (default \"table\")\n" +
		"      --url string      fetch from\n" +
		"                        https://example.com/a/very/long/path/that/does/not/fit/anywhere\n"
	if got := flagUsagesWrapped(fs, 60); got != want {
		t.Errorf("at 60 columns:\n%s\nwant:\n%s", got, want)
	}
	if got, want := flagUsagesWrapped(fs, 0), flagUsages(fs); got != want || strings.Count(got, "\n") != 3 {
		t.Errorf("off a terminal:\n%s", got)
	}
	if got := flagUsagesWrapped(fs, 40); got != flagUsages(fs) {
		t.Errorf("a usage column under %d cells wraps:\n%s", minUsageWidth, got)
	}
}
