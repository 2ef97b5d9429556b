package formatters

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
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
