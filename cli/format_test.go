package cli

import (
	"context"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
)

// TestLookupExternalFormatter pins the manifest-less convention: an
// executable <app>-format-<name> in an absolute PATH directory.
func TestLookupExternalFormatter(t *testing.T) {
	abs := t.TempDir()
	rel := "reldir"
	t.Chdir(t.TempDir())
	for _, dir := range []string{abs, rel} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(dir, name string, mode os.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(abs, "tapp-format-good", 0o755)
	write(abs, "tapp-format-plain", 0o644)
	write(rel, "tapp-format-rel", 0o755)
	a, _, _ := testApp(t)
	a.Getenv = func(k string) string {
		if k == "PATH" {
			return strings.Join([]string{"", rel, abs}, string(os.PathListSeparator))
		}
		return ""
	}
	r := newRun(a)
	if _, err := r.start(nil); err != nil {
		t.Fatal(err)
	}
	if err := r.build(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want string
	}{
		{"good", filepath.Join(abs, "tapp-format-good")},
		{"plain", ""},   // not executable
		{"rel", ""},     // only in a relative PATH entry
		{"missing", ""}, // nowhere
		{"../good", ""}, // not a valid name
		{"Good", ""},    // names are lower-case
	}
	for _, tt := range tests {
		x, err := r.out.LookupExternal(tt.name, formatters.List)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if x != nil {
			got = x.Path
		}
		if got != tt.want {
			t.Errorf("lookup %q = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFormatFlagAndColumnErrors pins -f and -c through the App: usage
// errors, exit 2, nothing on stdout.
func TestFormatFlagAndColumnErrors(t *testing.T) {
	a, out, errOut := testApp(t)
	if err := a.AddCommand("things list", func() command.Command { return &lister{} }); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		out  string
		err  string
	}{
		{[]string{"things", "list", "-f", "csv"}, 0, "\"n\"\n1\n2\n", ""},
		{[]string{"-f", "value", "things", "list", "--sort-column", "n", "--sort-descending"}, 0, "2\n1\n", ""},
		{[]string{"things", "list", "-f", "nope"}, 2, "", `tapp: error: unknown formatter "nope" (valid: csv, json, jsonl, markdown, table, template, value, yaml)` + "\n"},
		{[]string{"things", "list", "-f", "shell"}, 2, "", `tapp: error: formatter "shell" cannot render lists (valid: csv, json, jsonl, markdown, table, template, value, yaml)` + "\n"},
		{[]string{"things", "list", "-c", "m"}, 2, "", `tapp: error: unknown column "m" (valid: n)` + "\n"},
		// A bad --template is a usage error (exit 2), on the line it is on,
		// as is one naming no column; a template failing on a row is a
		// failure (exit 1).
		{[]string{"things", "list", "-f", "template", "--template", "{{.n"}, 2, "", "tapp: error: parse template: --template:1: unclosed action\n"},
		{[]string{"things", "list", "-f", "template", "--template", `{{.n}}\n{{end}}`}, 2, "", "tapp: error: parse template: --template:2: unexpected {{end}}\n"},
		{[]string{"things", "list", "-f", "template", "--template", "{{.n}}"}, 0, "1\n2\n", ""},
		{[]string{"things", "list", "-f", "template", "--template", `{{.n}}\n`}, 0, "1\n2\n", ""},
		{[]string{"things", "list", "-f", "template", "--template", "{{.m}}"}, 2, "", `tapp: error: --template: unknown column "m" (valid: n)` + "\n"},
		{[]string{"things", "list", "-f", "template", "--template", "{{len .n}}"}, 1, "", `tapp: error: template: --template:1:2: executing "--template" at <len .n>: error calling len: len of type int` + "\n"},
	}
	for _, tt := range tests {
		out.Reset()
		errOut.Reset()
		if code := a.Run(context.Background(), tt.args); code != tt.code || out.String() != tt.out || errOut.String() != tt.err {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.out, tt.err)
		}
	}
}

// TestAddFormatterOverBuiltin: a formatter named like a built-in is an
// error naming both registrants, not a silent replacement.
func TestAddFormatterOverBuiltin(t *testing.T) {
	a, _, _ := testApp(t)
	err := a.AddFormatter("csv", func() formatters.Formatter { return &formatters.CSV{} })
	if err == nil || !strings.Contains(err.Error(), `built-in formatter "csv" (github.com/longshore/longshore/formatters (built in))`) ||
		!strings.Contains(err.Error(), "format_test.go:") {
		t.Fatalf("AddFormatter(csv) = %v, want an error naming the built-in and this file", err)
	}
}

// countedFormatter counts its constructions; its one flag, --dots, prints
// a dot per row.
type countedFormatter struct{ dots bool }

func (*countedFormatter) Name() string { return "counted" }
func (c *countedFormatter) Flags(fs *pflag.FlagSet, _ formatters.Kind) {
	fs.BoolVar(&c.dots, "dots", false, "counted: a dot per row")
}
func (c *countedFormatter) FormatList(w io.Writer, _ []string, rows iter.Seq2[[]any, error]) error {
	for _, err := range rows {
		if err != nil {
			return err
		}
		if c.dots {
			io.WriteString(w, ".")
		}
	}
	_, err := io.WriteString(w, "counted\n")
	return err
}

// TestRunBuildsOnlyItsFormatter pins the output flags of a run: a run of
// a lister constructs only the formatter -f picks (the default when none),
// once, and refuses another formatter's flag with one usage error naming
// it; help constructs every formatter and shows every flag.
func TestRunBuildsOnlyItsFormatter(t *testing.T) {
	a, out, errOut := testApp(t)
	a.Getenv = func(k string) string {
		if k == "HOME" {
			return t.TempDir()
		}
		return ""
	}
	if err := a.AddCommand("things list", func() command.Command { return &lister{} }); err != nil {
		t.Fatal(err)
	}
	built := 0
	if err := a.AddFormatter("counted", func() formatters.Formatter { built++; return &countedFormatter{} }); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args  []string
		code  int
		out   string
		err   string
		built int
	}{
		{[]string{"things", "list", "-f", "csv"}, 0, "\"n\"\n1\n2\n", "", 0},
		{[]string{"things", "list", "-f", "value"}, 0, "1\n2\n", "", 0},
		{[]string{"things", "list", "-f", "counted", "--dots"}, 0, "..counted\n", "", 1},
		{[]string{"-f", "counted", "things", "list"}, 0, "counted\n", "", 1},
		{[]string{"things", "list", "--dots"}, 2, "", "tapp: error: --dots applies to -f counted, not -f table\n", -1},
		{[]string{"things", "list", "-f", "json", "--dots"}, 2, "", "tapp: error: --dots applies to -f counted, not -f json\n", -1},
	}
	for _, tt := range tests {
		out.Reset()
		errOut.Reset()
		built = 0
		if code := a.Run(context.Background(), tt.args); code != tt.code || out.String() != tt.out || errOut.String() != tt.err {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.out, tt.err)
		}
		if tt.built >= 0 && built != tt.built {
			t.Errorf("%v: the counted formatter was constructed %d times, want %d", tt.args, built, tt.built)
		}
	}
	out.Reset()
	built = 0
	if code := a.Run(context.Background(), []string{"things", "list", "--help"}); code != 0 || !strings.Contains(out.String(), "Output Flags (-f counted):\n      --dots") {
		t.Errorf("things list --help: exit %d, the counted formatter's flag not shown:\n%s", code, out)
	}
	if built == 0 {
		t.Error("help constructed no counted formatter")
	}
}
