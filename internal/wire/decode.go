// Package wire reads the wire format of structured plugins (JSON lines: a
// header, then one array a line) that formatters.Wire writes.
package wire

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/longshore/longshore/formatters"
)

// MaxLine is the longest line a [Decoder] accepts, in bytes.
const MaxLine = 16 << 20

// Error is malformed wire-format input, at a line counted from 1.
type Error struct {
	// Line is the line of the input at fault, from 1.
	Line int
	// Msg says what is wrong with it.
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Decoder reads the wire format that formatters.Wire writes: a header line,
// {"columns":[...]} or {"fields":[...]}, then one JSON array a line, each
// with exactly one value per name; a record has exactly one. Blank lines
// are skipped. Numbers are decoded as json.Number (so they keep every
// digit and render as they were written), nested arrays and objects as
// []any and map[string]any. Errors are *Error naming the line.
type Decoder struct {
	r     *bufio.Reader
	line  int
	kind  formatters.Kind
	names []string
	done  bool
	long  []byte
	text  string // the row being parsed
}

// NewDecoder returns a decoder reading r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: bufio.NewReaderSize(r, 64<<10)}
}

// Line is the number of the last line read.
func (d *Decoder) Line() int { return d.line }

// Buffered reports whether a whole line is already read ahead, so that
// the next call to Next will not wait for input.
func (d *Decoder) Buffered() bool {
	b, _ := d.r.Peek(d.r.Buffered())
	return bytes.IndexByte(b, '\n') >= 0
}

func (d *Decoder) errorf(format string, args ...any) error {
	return &Error{Line: d.line, Msg: fmt.Sprintf(format, args...)}
}

// Header reads the header: the kind of output (formatters.List for "columns", formatters.Record
// for "fields") and the names. No input at all is io.EOF.
func (d *Decoder) Header() (formatters.Kind, []string, error) {
	b, err := d.next()
	if err != nil {
		return 0, nil, err
	}
	if b[0] == '[' {
		return 0, nil, d.errorf(`a row before the header; the first line must be {"columns":[...]} or {"fields":[...]}`)
	}
	var h struct {
		Columns *[]string `json:"columns"`
		Fields  *[]string `json:"fields"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return 0, nil, d.errorf(`bad header, want {"columns":[...]} or {"fields":[...]}: %s`, jsonMsg(err))
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		return 0, nil, d.errorf("unexpected text after the header: %s", quoteStart(rest))
	}
	switch {
	case h.Columns != nil && h.Fields != nil:
		return 0, nil, d.errorf(`the header has both "columns" and "fields"`)
	case h.Columns != nil:
		d.kind, d.names = formatters.List, *h.Columns
	case h.Fields != nil:
		d.kind, d.names = formatters.Record, *h.Fields
	default:
		return 0, nil, d.errorf(`bad header, want {"columns":[...]} or {"fields":[...]}`)
	}
	seen := map[string]bool{}
	for _, n := range d.names {
		if n == "" {
			return 0, nil, d.errorf("empty name in the header")
		}
		if seen[n] {
			return 0, nil, d.errorf("name %q twice in the header", n)
		}
		seen[n] = true
	}
	return d.kind, d.names, nil
}

// Next returns the next row (a record's values), or io.EOF at the end. It
// must follow a successful Header. A record missing its values, or with
// more than one line of them, is an error.
func (d *Decoder) Next() ([]any, error) {
	if d.kind == 0 {
		return nil, errors.New("wire decoder: Next before Header")
	}
	b, err := d.next()
	if err == io.EOF && d.kind == formatters.Record && !d.done {
		return nil, d.errorf("the record's values are missing after its fields")
	}
	if err != nil {
		return nil, err
	}
	if d.kind == formatters.Record && d.done {
		return nil, d.errorf("unexpected line after the record's values")
	}
	if b[0] != '[' {
		if b[0] == '{' && isHeader(b) {
			return nil, d.errorf("a second header; want a JSON array of %d values", len(d.names))
		}
		if b[0] == '{' {
			return nil, d.errorf("a JSON object where an array was expected; a row is a JSON array of %d values", len(d.names))
		}
		return nil, d.errorf("want a JSON array of %d values, got %s", len(d.names), quoteStart(b))
	}
	row, err := d.parseRow(b)
	if err != nil {
		return nil, err
	}
	if len(row) != len(d.names) {
		return nil, d.errorf("row has %d values, want %d", len(row), len(d.names))
	}
	d.done = true
	return row, nil
}

// next returns the next non-blank line without its surrounding white
// space, checked to be UTF-8.
func (d *Decoder) next() ([]byte, error) {
	for {
		b, err := d.readLine()
		if err != nil {
			return nil, err
		}
		if b = bytes.TrimSpace(b); len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			return nil, d.errorf("not valid UTF-8")
		}
		return b, nil
	}
}

// readLine returns the next line, valid until the next call.
func (d *Decoder) readLine() ([]byte, error) {
	d.long = d.long[:0]
	for {
		b, err := d.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			d.long = append(d.long, b...)
			if len(d.long) > MaxLine {
				d.line++
				return nil, d.errorf("line longer than %d bytes", MaxLine)
			}
			continue
		}
		if len(d.long) > 0 {
			b = append(d.long, b...)
			d.long = b
		}
		if err == io.EOF && len(b) == 0 {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		d.line++
		return b, nil
	}
}

// jsonMsg is encoding/json's message without its "json: " prefix.
func jsonMsg(err error) string {
	msg := err.Error()
	if len(msg) > 6 && msg[:6] == "json: " {
		return msg[6:]
	}
	return msg
}

// quoteStart quotes the start of b for a message.
func quoteStart(b []byte) string {
	const max = 40
	if len(b) > max {
		return fmt.Sprintf("%q...", b[:max])
	}
	return fmt.Sprintf("%q", b)
}

// isHeader reports whether line b is a JSON object with a "columns" or
// "fields" key, as a header is.
func isHeader(b []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &obj) != nil {
		return false
	}
	_, columns := obj["columns"]
	_, fields := obj["fields"]
	return columns || fields
}
