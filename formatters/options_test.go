package formatters

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func collect(t *testing.T, rows iter.Seq2[[]any, error]) (string, error) {
	t.Helper()
	var sb strings.Builder
	for row, err := range rows {
		if err != nil {
			return sb.String(), err
		}
		fmt.Fprintln(&sb, row...)
	}
	return sb.String(), nil
}

// failingRows yields n rows, then an error.
func failingRows(n int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for i := range n {
			if !yield([]any{fmt.Sprint("row", i), n - i}, nil) {
				return
			}
		}
		yield(nil, errors.New("disk on fire"))
	}
}

// TestFailHalfWay: every formatter writes the rows read before the error,
// then returns the error (internal/formatset tests that sorting keeps them).
func TestFailHalfWay(t *testing.T) {
	for _, name := range Builtins() {
		f := builtins[name]()
		lf, ok := f.(ListFormatter)
		if !ok {
			continue
		}
		if tf, ok := f.(*Template); ok {
			tf.Text = "{{.name}}"
		}
		var buf bytes.Buffer
		err := lf.FormatList(&buf, []string{"name", "n"}, failingRows(2))
		if err == nil || err.Error() != "disk on fire" {
			t.Errorf("%s: err = %v", name, err)
		}
		if !strings.Contains(buf.String(), "row1") || !strings.Contains(buf.String(), "row0") {
			t.Errorf("%s: rows before the error are missing:\n%s", name, buf.String())
		}
	}
}

// TestPrepareErrors: bad flag values are reported before any output.
func TestPrepareErrors(t *testing.T) {
	env := Env{Prefix: "APP", Getenv: func(k string) string { return map[string]string{"APP_MAX_TERM_WIDTH": "wide"}[k] }}
	tests := []struct {
		p    Preparer
		want string
	}{
		{&CSV{Quote: "some"}, `invalid --quote "some" (valid: all, minimal, none, nonnumeric)`},
		{&Template{}, "-f template needs --template TEXT, a Go template over the row's columns, e.g. --template '{{.name}}'"},
		{&Template{Text: "{{.a"}, "parse template: --template:1: unclosed action"},
		{&Shell{Prefix: "1x"}, `invalid --prefix "1x": use letters, digits and _, not starting with a digit`},
		{&Table{}, `APP_MAX_TERM_WIDTH: not an integer: "wide"`},
	}
	for _, tt := range tests {
		if err := tt.p.Prepare(env); err == nil || err.Error() != tt.want {
			t.Errorf("%T: err = %v, want %s", tt.p, err, tt.want)
		}
	}
}

// TestTableWidthFromEnv: <APP>_MAX_TERM_WIDTH applies unless --max-width.
func TestTableWidthFromEnv(t *testing.T) {
	env := Env{Prefix: "APP", Getenv: func(k string) string { return map[string]string{"APP_MAX_TERM_WIDTH": "30"}[k] }}
	tb := &Table{}
	if err := tb.Prepare(env); err != nil || tb.width != 30 {
		t.Errorf("env: width %d, err %v", tb.width, err)
	}
	tb = &Table{MaxWidth: 50}
	if tb.Prepare(env); tb.width != 50 {
		t.Errorf("flag: width %d", tb.width)
	}
	tb = &Table{FitWidth: true}
	if tb.Prepare(Env{OutIsTerminal: true, TerminalWidth: 44}); tb.width != 44 {
		t.Errorf("fit: width %d", tb.width)
	}
	tb = &Table{FitWidth: true}
	if tb.Prepare(Env{OutIsTerminal: false, TerminalWidth: 44}); tb.width != 0 {
		t.Errorf("fit off a terminal: width %d", tb.width)
	}
}

// TestTableFitsTerminalByDefault: on a terminal a table fits its width
// unless --fit-width=false or <APP>_FIT_WIDTH says no; piped, never.
func TestTableFitsTerminalByDefault(t *testing.T) {
	for _, tt := range []struct {
		name     string
		terminal bool
		env      string
		flag     string // "" when --fit-width is not given
		want     int
		wantErr  bool
	}{
		{name: "terminal", terminal: true, want: 44},
		{name: "piped", terminal: false, want: 0},
		{name: "piped, flag", terminal: false, flag: "true", want: 0},
		{name: "env off", terminal: true, env: "0", want: 0},
		{name: "env on", terminal: true, env: "1", want: 44},
		{name: "flag off", terminal: true, flag: "false", want: 0},
		{name: "flag off beats env", terminal: true, env: "1", flag: "false", want: 0},
		{name: "flag on beats env", terminal: true, env: "0", flag: "true", want: 44},
		{name: "bad env", terminal: true, env: "maybe", wantErr: true},
	} {
		tb := &Table{}
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		tb.Flags(fs, List)
		if tt.flag != "" {
			if err := fs.Parse([]string{"--fit-width=" + tt.flag}); err != nil {
				t.Fatal(err)
			}
		}
		env := Env{Prefix: "APP", OutIsTerminal: tt.terminal, TerminalWidth: 44,
			Getenv: func(k string) string { return map[string]string{"APP_FIT_WIDTH": tt.env}[k] }}
		err := tb.Prepare(env)
		if (err != nil) != tt.wantErr || err == nil && tb.width != tt.want {
			t.Errorf("%s: width %d, err %v; want %d", tt.name, tb.width, err, tt.want)
		}
	}
}

// TestShellUnknownVariable: a --variable that names no field names the
// valid ones, and nothing is written.
func TestShellUnknownVariable(t *testing.T) {
	var buf strings.Builder
	s := &Shell{Variables: []string{"nmae"}}
	err := s.FormatRecord(&buf, []string{"Name", "Last modified"}, []any{"a", 1})
	if err == nil || err.Error() != `unknown variable "nmae" (valid: name, last_modified)` || buf.Len() != 0 {
		t.Errorf("err = %v, output %q", err, buf.String())
	}
	s.Variables = []string{"last_modified"}
	if err := s.FormatRecord(&buf, []string{"Name", "Last modified"}, []any{"a", 1}); err != nil || buf.String() != "last_modified=\"1\"\n" {
		t.Errorf("err = %v, output %q", err, buf.String())
	}
}

// TestFitHeadersFits: a column is never narrower than its header, so the
// others share less and the table still fits (plugin list's "installed
// from" made it overshoot a 99-column terminal by 3).
func TestFitHeadersFits(t *testing.T) {
	widths := []int{14, 9, 7, 7, 47, 4, 14, 83}
	floors := []int{4, 4, 6, 7, 6, 4, 14, 11}
	tableWidth := func(limits []int) int {
		total := 1
		for i, w := range widths {
			if limits != nil {
				w = max(floors[i], min(w, limits[i]))
			}
			total += w + 3
		}
		return total
	}
	for _, width := range []int{95, 99, 100, 120, 150} {
		limits := fitHeaders(widths, floors, width, 8)
		if got := tableWidth(limits); got > width {
			t.Errorf("width %d: table is %d wide (limits %v)", width, got, limits)
		}
	}
	if limits := fitHeaders(widths, floors, 300, 8); limits != nil {
		t.Errorf("a table that fits got limits %v", limits)
	}
}
