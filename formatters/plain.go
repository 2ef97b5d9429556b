package formatters

import (
	"io"
	"iter"
)

// Value writes values only, for shell loops: a list's rows one a line, the
// values separated by one space; a record's values one a line. Values are
// rendered by [Text]. Rows are written as they arrive.
type Value struct{}

// Name returns "value".
func (*Value) Name() string { return "value" }

// Description says what the formatter writes.
func (*Value) Description() string {
	return "Values only, space-separated, one row a line"
}

// FormatList writes each row's values on one line.
func (*Value) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	var buf []byte
	return streamRows(w, rows, func(row []any) []byte {
		buf = buf[:0]
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ' ')
			}
			buf = appendText(buf, Machine(v))
		}
		return append(buf, '\n')
	}, nil)
}

// FormatRecord writes each value on its own line.
func (*Value) FormatRecord(w io.Writer, fields []string, values []any) error {
	var buf []byte
	for _, v := range values {
		buf = append(appendText(buf, Machine(v)), '\n')
	}
	_, err := w.Write(buf)
	return err
}
