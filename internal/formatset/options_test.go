package formatset

import (
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
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

// TestOptionsApplyList pins column selection, ordering and sorting.
func TestOptionsApplyList(t *testing.T) {
	columns := []string{"name", "size", "kind"}
	rows := [][]any{{"b", 10, "file"}, {"a", 2, "dir"}, {"c", nil, "file"}, {"d", 2.5, "dir"}}
	tests := []struct {
		args    []string
		columns string
		want    string
	}{
		{nil, "name size kind", "b 10 file\na 2 dir\nc <nil> file\nd 2.5 dir\n"},
		{[]string{"-c", "kind", "-c", "name"}, "kind name", "file b\ndir a\nfile c\ndir d\n"},
		{[]string{"-c", "kind", "-c", "name", "-c", "kind"}, "kind name", "file b\ndir a\nfile c\ndir d\n"},
		// nil last ascending and first descending, as cliff sorts None.
		{[]string{"--sort-column", "size"}, "name size kind", "a 2 dir\nd 2.5 dir\nb 10 file\nc <nil> file\n"},
		{[]string{"--sort-column", "size", "--sort-descending"}, "name size kind", "c <nil> file\nb 10 file\nd 2.5 dir\na 2 dir\n"},
		{[]string{"--sort-descending", "--sort-ascending", "--sort-column", "name"}, "name size kind", "a 2 dir\nb 10 file\nc <nil> file\nd 2.5 dir\n"},
		{[]string{"--sort-column", "kind", "--sort-column", "name", "-c", "name"}, "name", "a\nd\nb\nc\n"},
	}
	for _, tt := range tests {
		var o Options
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		o.Flags(fs, formatters.List)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		cols, out, err := o.ApplyList(columns, command.RowsOf(rows...))
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		got, err := collect(t, out)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(cols, " ") != tt.columns || got != tt.want {
			t.Errorf("%v: got %v\n%s want %s\n%s", tt.args, cols, got, tt.columns, tt.want)
		}
	}
}

// TestOptionsUnknownColumn: an unknown column names the valid ones.
func TestOptionsUnknownColumn(t *testing.T) {
	for _, o := range []Options{{Columns: []string{"nmae"}}, {SortColumns: []string{"nmae"}}} {
		_, _, err := o.ApplyList([]string{"name", "size"}, command.RowsOf(nil...))
		var u *formatters.UnknownError
		if !errors.As(err, &u) || err.Error() != `unknown column "nmae" (valid: name, size)` {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
	fields, values, err := (&Options{Columns: []string{"b", "a", "b"}}).ApplyRecord([]string{"a", "b"}, []any{1, 2})
	if err != nil || strings.Join(fields, " ") != "b a" || len(values) != 2 || values[0] != 2 {
		t.Errorf("record with a field named twice: %v %v %v", fields, values, err)
	}
	_, _, err = (&Options{Columns: []string{"x"}}).ApplyRecord([]string{"a"}, []any{1})
	if err == nil || err.Error() != `unknown field "x" (valid: a)` {
		t.Errorf("record: err = %v", err)
	}
}

// TestSortKeepsRowsBeforeError: sorting rows that fail half-way passes on
// the rows read before the error, then the error.
func TestSortKeepsRowsBeforeError(t *testing.T) {
	rows := func(yield func([]any, error) bool) {
		for i := range 2 {
			if !yield([]any{fmt.Sprint("row", i), 2 - i}, nil) {
				return
			}
		}
		yield(nil, errors.New("disk on fire"))
	}
	_, sorted, err := (&Options{SortColumns: []string{"n"}}).ApplyList([]string{"name", "n"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, sorted)
	if err == nil || err.Error() != "disk on fire" || !strings.Contains(got, "row0") || !strings.Contains(got, "row1") {
		t.Fatalf("got %q, %v", got, err)
	}
}

// TestWidthsFor maps declared widths onto the columns shown.
func TestWidthsFor(t *testing.T) {
	cols := []string{"a", "b", "c"}
	if got := WidthsFor(cols, []int{1, 2, 3}, []string{"c", "x", "a"}); fmt.Sprint(got) != "[3 0 1]" {
		t.Errorf("got %v", got)
	}
	if got := WidthsFor(cols, []int{0, 5}, []string{"a", "c"}); got != nil {
		t.Errorf("got %v, want nil", got)
	}
	if got := WidthsFor(cols, nil, cols); got != nil {
		t.Errorf("got %v, want nil", got)
	}
}

// TestOptionsFlagsAreStringArrays pins -c and --sort-column: repeatable,
// the first value replacing the default, read back by pflag's
// GetStringArray and as a pflag.SliceValue (hooks' JSON), with no default
// shown in help.
func TestOptionsFlagsAreStringArrays(t *testing.T) {
	var o Options
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	o.Flags(fs, formatters.List)
	if err := fs.Parse([]string{"-c", "a", "--column", "b,c", "--sort-column", `x"y`}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.Columns, "|"); got != "a|b,c" {
		t.Errorf("Columns = %q", o.Columns)
	}
	if got, err := fs.GetStringArray("column"); err != nil || strings.Join(got, "|") != "a|b,c" {
		t.Errorf("GetStringArray(column) = %q, %v", got, err)
	}
	if got, err := fs.GetStringArray("sort-column"); err != nil || strings.Join(got, "|") != `x"y` {
		t.Errorf("GetStringArray(sort-column) = %q, %v", got, err)
	}
	if sv, ok := fs.Lookup("column").Value.(pflag.SliceValue); !ok || strings.Join(sv.GetSlice(), "|") != "a|b,c" {
		t.Errorf("column is no SliceValue of a, b,c")
	}
	if u := fs.FlagUsages(); strings.Contains(u, "(default") {
		t.Errorf("help shows a default:\n%s", u)
	}
}

// TestOptionsFlagsAllocateLittle pins that declaring the common options
// (on every run of a lister or shower) builds no CSV writer to print
// their empty defaults, as pflag's StringArrayVar does (a 4 KiB buffer
// each).
func TestOptionsFlagsAllocateLittle(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var o Options
	o.Flags(pflag.NewFlagSet("t", pflag.ContinueOnError), formatters.List)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 3<<10 {
		t.Errorf("declaring a list's options allocated %d bytes, want at most 3 KiB", got)
	}
}
