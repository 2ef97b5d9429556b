package formatters

import (
	"bufio"
	"io"
	"iter"

	"github.com/spf13/pflag"
)

// JSON writes a list as an array of objects keyed by column, and a record as
// one object, byte for byte as cliff's json formatter (Python's json.dump):
// indented by two spaces, or on one line with --noindent; non-ASCII
// characters as \uXXXX escapes. Values keep their types. Rows are written as
// they arrive; when the rows fail half-way the array is left unterminated,
// so that a parser notices.
type JSON struct {
	// NoIndent writes everything on one line.
	NoIndent bool
}

// Name returns "json".
func (*JSON) Name() string { return "json" }

// Description says what the formatter writes.
func (*JSON) Description() string {
	return "A JSON array of objects (a list) or an object (a record)"
}

// Flags declares --noindent.
func (j *JSON) Flags(fs *pflag.FlagSet, kind Kind) {
	fs.BoolVar(&j.NoIndent, "noindent", false, "json: write everything on one line")
}

func (j *JSON) enc() *jsonEnc {
	return &jsonEnc{indent: !j.NoIndent, spaced: true, ascii: true}
}

// FormatList writes the array, one object as each row arrives.
func (j *JSON) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	e := j.enc()
	n := 0
	return streamRows(w, rows, func(row []any) []byte {
		e.buf = e.buf[:0]
		if n == 0 {
			e.buf = append(e.buf, '[')
		} else {
			e.sep(1)
		}
		if n == 0 {
			e.newline(1)
		}
		e.object(columns, row, 1)
		n++
		return e.buf
	}, func() []byte {
		if n == 0 {
			return []byte("[]\n")
		}
		e.buf = e.buf[:0]
		e.newline(0)
		return append(e.buf, ']', '\n')
	})
}

// FormatRecord writes one object.
func (j *JSON) FormatRecord(w io.Writer, fields []string, values []any) error {
	e := j.enc()
	e.object(fields, values, 0)
	e.buf = append(e.buf, '\n')
	_, err := w.Write(e.buf)
	return err
}

// JSONL writes one compact JSON object a line (JSON Lines), UTF-8 kept, for
// tools that read a stream of objects. A record is one line.
type JSONL struct{}

// Name returns "jsonl".
func (*JSONL) Name() string { return "jsonl" }

// Description says what the formatter writes.
func (*JSONL) Description() string {
	return "one JSON object a line (JSON Lines)"
}

// FormatList writes one object per row as it arrives.
func (*JSONL) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	e := &jsonEnc{}
	return streamRows(w, rows, func(row []any) []byte {
		e.buf = e.buf[:0]
		e.object(columns, row, 0)
		return append(e.buf, '\n')
	}, nil)
}

// FormatRecord writes the record as one object on one line.
func (*JSONL) FormatRecord(w io.Writer, fields []string, values []any) error {
	e := &jsonEnc{}
	e.object(fields, values, 0)
	_, err := w.Write(append(e.buf, '\n'))
	return err
}

// streamRows writes each row's bytes as it arrives through a buffer that is
// flushed whenever it fills, then the closing bytes. When the rows fail, what
// was written so far is flushed and the error returned.
func streamRows(w io.Writer, rows iter.Seq2[[]any, error], each func([]any) []byte, end func() []byte) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for row, err := range rows {
		if err != nil {
			if ferr := bw.Flush(); ferr != nil {
				return ferr
			}
			return err
		}
		if _, err := bw.Write(each(row)); err != nil {
			return err
		}
	}
	if end != nil {
		bw.Write(end())
	}
	return bw.Flush()
}
