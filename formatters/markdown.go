package formatters

import (
	"io"
	"iter"
	"strings"
)

// Markdown writes a GitHub-flavoured Markdown table: a header row, a
// delimiter row (numbers right-aligned with "--:", by the types in the
// first row) and one row a line. Pipes are escaped and newlines become
// <br>, so that every value stays in its cell; values are shown as in the
// table formatter. A record is a Field/Value table. Rows are written as they
// arrive.
type Markdown struct{}

// Name returns "markdown".
func (*Markdown) Name() string { return "markdown" }

// Description says what the formatter writes.
func (*Markdown) Description() string {
	return "A Markdown table"
}

// FormatList writes the header when the first row arrives (to align
// numbers), then each row.
func (*Markdown) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	var buf []byte
	n := 0
	return streamRows(w, rows, func(row []any) []byte {
		buf = buf[:0]
		if n == 0 {
			buf = markdownHeader(buf, columns, row)
		}
		n++
		return markdownRow(buf, row, len(columns))
	}, func() []byte {
		if n == 0 {
			return markdownHeader(nil, columns, nil)
		}
		return nil
	})
}

// FormatRecord writes a Field/Value table.
func (*Markdown) FormatRecord(w io.Writer, fields []string, values []any) error {
	buf := markdownHeader(nil, []string{"Field", "Value"}, nil)
	for i, f := range fields {
		buf = markdownRow(buf, []any{f, at(values, i)}, 2)
	}
	_, err := w.Write(buf)
	return err
}

func markdownHeader(buf []byte, columns []string, first []any) []byte {
	cells := make([]any, len(columns))
	for i, c := range columns {
		cells[i] = c
	}
	buf = markdownRow(buf, cells, len(columns))
	buf = append(buf, '|')
	for i := range columns {
		if i < len(first) && IsNumber(first[i]) {
			buf = append(buf, " --: |"...)
		} else {
			buf = append(buf, " --- |"...)
		}
	}
	return append(buf, '\n')
}

var markdownEscaper = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func markdownRow(buf []byte, row []any, n int) []byte {
	buf = append(buf, '|')
	for i := range n {
		buf = append(buf, ' ')
		buf = append(buf, markdownEscaper.Replace(HumanText(at(row, i)))...)
		buf = append(buf, ' ', '|')
	}
	return append(buf, '\n')
}
