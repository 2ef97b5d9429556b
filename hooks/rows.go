package hooks

import (
	"iter"

	"github.com/longshore/longshore/command"
)

// MapRows returns a table with the given columns whose rows are t's rows
// passed through f one at a time, as the formatter asks for them: output
// still streams. f returns the new row, or an error that ends the output and
// fails the command.
func MapRows(t *command.Table, columns []string, f func(row []any) ([]any, error)) *command.Table {
	rows := t.Rows
	return &command.Table{Columns: columns, Rows: func(yield func([]any, error) bool) {
		if rows == nil {
			return
		}
		for row, err := range rows {
			if err == nil {
				row, err = f(row)
			}
			if !yield(row, err) {
				return
			}
		}
	}}
}

// AddColumn returns t with one more column at the end whose value for each
// row is value(row), computed as the row streams past.
func AddColumn(t *command.Table, name string, value func(row []any) any) *command.Table {
	columns := append(append([]string(nil), t.Columns...), name)
	return MapRows(t, columns, func(row []any) ([]any, error) {
		out := make([]any, len(row), len(row)+1)
		copy(out, row)
		return append(out, value(row)), nil
	})
}

// AppendRows returns t with extra rows after its own, such as a total,
// produced once t's rows are exhausted. more is called with the number of
// rows t had.
func AppendRows(t *command.Table, more func(n int) iter.Seq2[[]any, error]) *command.Table {
	rows := t.Rows
	return &command.Table{Columns: t.Columns, Rows: func(yield func([]any, error) bool) {
		n := 0
		if rows != nil {
			for row, err := range rows {
				if err == nil {
					n++
				}
				if !yield(row, err) {
					return
				}
			}
		}
		for row, err := range more(n) {
			if !yield(row, err) {
				return
			}
		}
	}}
}
