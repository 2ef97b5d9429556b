package formatters

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
	"unicode/utf8"
)

// Table renders a bordered table in cliff's layout.
type Table struct{}

// Name returns "table".
func (*Table) Name() string { return "table" }

// FormatList renders all rows as one table; it buffers them to size the
// columns. An empty result prints nothing.
func (t *Table) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	var cells [][]string
	for row, err := range rows {
		if err != nil {
			if len(cells) > 0 {
				t.write(w, columns, cells)
			}
			return err
		}
		r := make([]string, len(columns))
		for i := range columns {
			if i < len(row) {
				r[i] = Text(row[i])
			}
		}
		cells = append(cells, r)
	}
	if len(cells) == 0 {
		return nil
	}
	return t.write(w, columns, cells)
}

// FormatRecord renders a two-column Field/Value table.
func (t *Table) FormatRecord(w io.Writer, fields []string, values []any) error {
	cells := make([][]string, len(fields))
	for i, f := range fields {
		var v any
		if i < len(values) {
			v = values[i]
		}
		cells[i] = []string{f, Text(v)}
	}
	return t.write(w, []string{"Field", "Value"}, cells)
}

func (t *Table) write(w io.Writer, columns []string, cells [][]string) error {
	widths := make([]int, len(columns))
	for i, c := range columns {
		widths[i] = utf8.RuneCountInString(c)
	}
	for _, r := range cells {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	bw := bufio.NewWriter(w)
	rule := func() {
		for _, n := range widths {
			bw.WriteString("+" + strings.Repeat("-", n+2))
		}
		bw.WriteString("+\n")
	}
	line := func(r []string) {
		for i, c := range r {
			fmt.Fprintf(bw, "| %s%s ", c, strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)))
		}
		bw.WriteString("|\n")
	}
	rule()
	line(columns)
	rule()
	for _, r := range cells {
		line(r)
	}
	rule()
	return bw.Flush()
}

// Text renders a value for a text format: nil is empty, times are RFC 3339,
// the rest as fmt's %v.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case time.Time:
		return v.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
