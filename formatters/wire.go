package formatters

import (
	"io"
	"iter"
)

// WireFormat is the value of LONGSHORE_OUTPUT (and <APP>_OUTPUT) that asks a
// plugin for structured output in the wire format.
const WireFormat = "jsonl"

// Wire writes a lister's or shower's result in Longshore's wire format, the
// JSON lines that external formatters read on stdin and that structured
// plugins print on stdout:
//
//	{"columns":["name","size"]}      then one JSON array per row, or
//	{"fields":["name","size"]}       then one JSON array of the values.
//
// Values are written as the jsonl formatter writes them (compact, UTF-8).
// It is not offered to -f: an App picks it when it runs as another App's
// structured plugin. [WireDecoder] reads it back.
type Wire struct{}

// Name returns "wire".
func (*Wire) Name() string { return "wire" }

// FormatList writes the header, then each row as it arrives.
func (*Wire) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	e := &jsonEnc{}
	appendWireHeader(e, "columns", columns)
	if _, err := w.Write(e.buf); err != nil {
		return err
	}
	return streamRows(w, rows, func(row []any) []byte {
		e.buf = e.buf[:0]
		appendWireRow(e, row, len(columns))
		return e.buf
	}, nil)
}

// FormatRecord writes the fields, then the values.
func (*Wire) FormatRecord(w io.Writer, fields []string, values []any) error {
	e := &jsonEnc{}
	appendWireHeader(e, "fields", fields)
	appendWireRow(e, values, len(fields))
	_, err := w.Write(e.buf)
	return err
}

// appendWireHeader appends {"<key>":[names...]} and a newline.
func appendWireHeader(e *jsonEnc, key string, names []string) {
	e.buf = append(e.buf, '{', '"')
	e.buf = append(e.buf, key...)
	e.buf = append(e.buf, '"', ':')
	e.value(stringsToAny(names), 0)
	e.buf = append(e.buf, '}', '\n')
}

// appendWireRow appends one row of exactly n values as a JSON array and a
// newline; missing values are null, extra ones are left out.
func appendWireRow(e *jsonEnc, row []any, n int) {
	if len(row) != n {
		row = pick(row, seq(n))
	}
	e.array(row, 0)
	e.buf = append(e.buf, '\n')
}
