package formatters

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/spf13/pflag"
)

// CSV writes a header row and one row per line, as cliff's csv formatter
// does, with RFC 4180 quoting: a quoted field doubles its quotes and keeps
// newlines. --quote picks which fields are quoted:
//
//   - nonnumeric (default): all but numbers and bools;
//   - minimal: only those holding a comma, a quote, CR or LF (and the
//     empty field of a one-column row);
//   - all: every field;
//   - none: no field; a comma, quote, backslash or newline is escaped with
//     a backslash, as cliff does (a CSV reader must know that convention).
//
// Rows are written as they arrive.
type CSV struct {
	// Quote is the quoting mode: all, minimal, none or nonnumeric.
	Quote string
}

// Name returns "csv".
func (*CSV) Name() string { return "csv" }

// Description says what the formatter writes.
func (*CSV) Description() string {
	return "Comma-separated values, RFC 4180, quoting as cliff (--quote)"
}

// csvModes are the values of --quote.
var csvModes = []string{"all", "minimal", "none", "nonnumeric"}

// Flags declares --quote for lists.
func (c *CSV) Flags(fs *pflag.FlagSet, kind Kind) {
	if kind == List {
		fs.StringVar(&c.Quote, "quote", "nonnumeric", "csv: quote the fields `MODE` says: "+strings.Join(csvModes, ", "))
		_ = fs.SetAnnotation("quote", ChoicesAnnotation, csvModes)
	}
}

// Prepare checks the quoting mode.
func (c *CSV) Prepare(Env) error {
	if c.Quote == "" {
		c.Quote = "nonnumeric"
	}
	for _, m := range csvModes {
		if c.Quote == m {
			return nil
		}
	}
	return fmt.Errorf("invalid --quote %q (valid: %s)", c.Quote, strings.Join(csvModes, ", "))
}

// FormatList writes the header and each row as it arrives.
func (c *CSV) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	if err := c.Prepare(Env{}); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csvWriter{bw: bw, mode: c.Quote}
	header := make([]any, len(columns))
	for i, col := range columns {
		header[i] = col
	}
	cw.row(header)
	for row, err := range rows {
		if err != nil {
			if ferr := bw.Flush(); ferr != nil {
				return ferr
			}
			return err
		}
		if len(row) != len(columns) {
			row = pick(row, seq(len(columns)))
		}
		cw.row(row)
		if bw.Buffered() > 32<<10 {
			if err := bw.Flush(); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// seq returns 0..n-1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

type csvWriter struct {
	bw      *bufio.Writer
	mode    string
	scratch []byte
}

func (cw *csvWriter) row(row []any) {
	for i, v := range row {
		if i > 0 {
			cw.bw.WriteByte(',')
		}
		v = Machine(v)
		cw.scratch = appendText(cw.scratch[:0], v)
		cw.field(cw.scratch, IsNumber(v) || isBool(v), len(row) == 1)
	}
	cw.bw.WriteByte('\n')
}

func isBool(v any) bool {
	_, ok := v.(bool)
	return ok
}

func (cw *csvWriter) field(f []byte, numeric, alone bool) {
	var quote bool
	switch cw.mode {
	case "all":
		quote = true
	case "nonnumeric":
		quote = !numeric
	case "minimal":
		quote = (alone && len(f) == 0) || needsQuotes(f)
	case "none":
		writeEscaped(cw.bw, f)
		return
	}
	if !quote {
		cw.bw.Write(f)
		return
	}
	cw.bw.WriteByte('"')
	for {
		i := indexByte(f, '"')
		if i < 0 {
			break
		}
		cw.bw.Write(f[:i+1])
		cw.bw.WriteByte('"')
		f = f[i+1:]
	}
	cw.bw.Write(f)
	cw.bw.WriteByte('"')
}

func needsQuotes(f []byte) bool {
	for _, b := range f {
		if b == ',' || b == '"' || b == '\n' || b == '\r' {
			return true
		}
	}
	return false
}

func indexByte(f []byte, c byte) int {
	for i, b := range f {
		if b == c {
			return i
		}
	}
	return -1
}

// writeEscaped writes f unquoted, a backslash before each special byte.
func writeEscaped(bw *bufio.Writer, f []byte) {
	for _, b := range f {
		switch b {
		case ',', '"', '\\', '\n':
			bw.WriteByte('\\')
		}
		bw.WriteByte(b)
	}
}
