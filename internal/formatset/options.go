package formatset

import (
	"cmp"
	"encoding/csv"
	"iter"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
)

// Options are the options common to every formatter: -c/--column selects
// and orders columns (or a record's fields); --sort-column and
// --sort-ascending/--sort-descending sort a list.
//
// A column named twice with -c is shown once, where it was first named
// (cliff shows it once too): a repeat would give json and yaml a duplicate
// key, which a yaml reader rejects.
type Options struct {
	// Columns selects and orders the columns; empty keeps them all.
	Columns []string
	// SortColumns are the sort keys, most significant first.
	SortColumns []string
	// Descending reverses the sort order.
	Descending bool
}

// Flags declares the common options on fs for a command of kind: -c for
// both kinds, the sort flags for lists only.
func (o *Options) Flags(fs *pflag.FlagSet, kind formatters.Kind) {
	what := "column"
	if kind == formatters.Record {
		what = "field"
	}
	arrayVarP(fs, &o.Columns, "column", "c", "show only the "+what+" `NAME` (repeatable: selects and orders)")
	if kind != formatters.List {
		return
	}
	arrayVarP(fs, &o.SortColumns, "sort-column", "", "sort by the column `NAME` (repeatable: the first is most significant)")
	asc := fs.VarPF(orderFlag{o, false}, "sort-ascending", "", "sort in ascending order (the default)")
	asc.NoOptDefVal = "true"
	desc := fs.VarPF(orderFlag{o, true}, "sort-descending", "", "sort in descending order")
	desc.NoOptDefVal = "true"
}

// arrayVarP declares a repeatable string flag, empty by default, as
// pflag's StringArrayVarP does, without the CSV writer (and its 4 KiB
// buffer) pflag builds to print the empty default: every run of a lister
// or shower declares these.
func arrayVarP(fs *pflag.FlagSet, p *[]string, name, short, usage string) {
	*p = nil
	f := fs.VarPF(&arrayFlag{p: p}, name, short, usage)
	// Empty: help shows no default, as for pflag's own (which it knows
	// by type).
	f.DefValue = ""
}

// arrayFlag is the value of a flag arrayVarP declares: the first value
// given replaces the default, the next ones are appended. It is a
// pflag.SliceValue, of pflag's type "stringArray", and prints as pflag's
// does, so that FlagSet.GetStringArray reads it.
type arrayFlag struct {
	p       *[]string
	changed bool
}

var _ pflag.SliceValue = (*arrayFlag)(nil)

func (a *arrayFlag) Type() string { return "stringArray" }
func (a *arrayFlag) Set(v string) error {
	if !a.changed {
		*a.p, a.changed = nil, true
	}
	*a.p = append(*a.p, v)
	return nil
}
func (a *arrayFlag) Append(v string) error { *a.p = append(*a.p, v); return nil }
func (a *arrayFlag) Replace(vs []string) error {
	*a.p = slices.Clone(vs)
	return nil
}
func (a *arrayFlag) GetSlice() []string { return slices.Clone(*a.p) }
func (a *arrayFlag) String() string {
	if len(*a.p) == 0 {
		return "[]"
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(*a.p)
	w.Flush()
	return "[" + strings.TrimSuffix(b.String(), "\n") + "]"
}

// orderFlag is --sort-ascending or --sort-descending: both set one field,
// the last one given wins.
type orderFlag struct {
	o    *Options
	desc bool
}

func (f orderFlag) String() string { return "false" }
func (f orderFlag) Type() string   { return "bool" }
func (f orderFlag) IsBoolFlag() bool {
	return true
}
func (f orderFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	if on {
		f.o.Descending = f.desc
	}
	return nil
}

// indexes returns the position in names of each of want, or an
// *formatters.UnknownError naming what (column or field).
func indexes(what string, names, want []string) ([]int, error) {
	idx := make([]int, len(want))
	for i, w := range want {
		idx[i] = slices.Index(names, w)
		if idx[i] < 0 {
			return nil, &formatters.UnknownError{What: what, Name: w, Valid: names}
		}
	}
	return idx, nil
}

// ApplyList selects, orders and sorts a list as the options ask. An unknown
// column is an *formatters.UnknownError, returned before any row is read. Sorting
// buffers the rows; when the rows fail half-way, the sorted rows read so far
// are yielded before the error.
func (o *Options) ApplyList(columns []string, rows iter.Seq2[[]any, error]) ([]string, iter.Seq2[[]any, error], error) {
	keys, err := indexes("column", columns, o.SortColumns)
	if err != nil {
		return nil, nil, err
	}
	if len(o.Columns) > 0 {
		want := unique(o.Columns)
		sel, err := indexes("column", columns, want)
		if err != nil {
			return nil, nil, err
		}
		if len(keys) > 0 {
			rows = sortRows(rows, keys, o.Descending)
		}
		return want, selectRows(rows, sel), nil
	}
	if len(keys) > 0 {
		rows = sortRows(rows, keys, o.Descending)
	}
	return columns, rows, nil
}

// ApplyRecord selects and orders a record's fields as -c asks. An unknown
// field is an *formatters.UnknownError.
func (o *Options) ApplyRecord(fields []string, values []any) ([]string, []any, error) {
	if len(o.Columns) == 0 {
		return fields, values, nil
	}
	want := unique(o.Columns)
	sel, err := indexes("field", fields, want)
	if err != nil {
		return nil, nil, err
	}
	return want, pick(values, sel), nil
}

// unique returns a copy of names without repeats, each where it first
// appears.
func unique(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// pick returns row's values at idx; a missing value is nil.
func pick(row []any, idx []int) []any {
	out := make([]any, len(idx))
	for i, j := range idx {
		if j < len(row) {
			out[i] = row[j]
		}
	}
	return out
}

func selectRows(rows iter.Seq2[[]any, error], sel []int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for row, err := range rows {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(pick(row, sel), nil) {
				return
			}
		}
	}
}

// sortRows buffers rows and yields them stably sorted by the key columns.
func sortRows(rows iter.Seq2[[]any, error], keys []int, desc bool) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		var buf [][]any
		var failed error
		for row, err := range rows {
			if err != nil {
				failed = err
				break
			}
			buf = append(buf, row)
		}
		slices.SortStableFunc(buf, func(a, b []any) int {
			for _, k := range keys {
				c := Compare(at(a, k), at(b, k))
				if desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			return 0
		})
		for _, row := range buf {
			if !yield(row, nil) {
				return
			}
		}
		if failed != nil {
			yield(nil, failed)
		}
	}
}

func at(row []any, i int) any {
	if i < len(row) {
		return row[i]
	}
	return nil
}

// Compare orders two values for sorting: numbers by value, then times,
// then everything else by its text, then nil last; values of different
// groups order by group. Nil sorts last in ascending order, and so first in
// descending order, as cliff sorts None (its key is (value is None,
// value), and descending reverses the whole order).
func Compare(a, b any) int {
	a, b = formatters.Machine(a), formatters.Machine(b)
	ga, gb := group(a), group(b)
	if ga != gb {
		return cmp.Compare(ga, gb)
	}
	switch ga {
	case 4:
		return 0
	case 1:
		return compareNumbers(a, b)
	case 2:
		return a.(time.Time).Compare(b.(time.Time))
	}
	return cmp.Compare(formatters.Text(a), formatters.Text(b))
}

func group(v any) int {
	switch {
	case v == nil:
		return 4
	case formatters.IsNumber(v):
		return 1
	}
	if _, ok := v.(time.Time); ok {
		return 2
	}
	return 3
}

// compareNumbers compares two numbers exactly, whatever their types.
func compareNumbers(a, b any) int {
	if x, ok := a.(int); ok {
		if y, ok := b.(int); ok {
			return cmp.Compare(x, y)
		}
	}
	if x, ok := a.(float64); ok {
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y)
		}
	}
	x, okx := new(big.Float).SetPrec(256).SetString(formatters.Text(a))
	y, oky := new(big.Float).SetPrec(256).SetString(formatters.Text(b))
	if !okx || !oky {
		// NaN or infinities: fall back to their text.
		return cmp.Compare(formatters.Text(a), formatters.Text(b))
	}
	return x.Cmp(y)
}

// WidthsFor returns the declared widths of the columns shown, given the
// lister's columns and the widths it declared for them (by position; a
// missing one is 0): a column -c left out loses its width, one a hook added
// has none. It returns nil when no width is declared.
func WidthsFor(columns []string, widths []int, shown []string) []int {
	if len(widths) == 0 {
		return nil
	}
	out := make([]int, len(shown))
	any := false
	for i, name := range shown {
		if j := slices.Index(columns, name); j >= 0 && j < len(widths) && widths[j] > 0 {
			out[i] = widths[j]
			any = true
		}
	}
	if !any {
		return nil
	}
	return out
}
