package formatters

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// TerminalSafe is implemented by a formatter that escapes, itself, the
// text it writes that could act on a terminal (the table does). The output
// of any other formatter, when it goes to a terminal, is passed through
// [NewTerminalWriter] by the App; piped, it is written byte for byte.
type TerminalSafe interface {
	// EscapesControls reports whether the formatter's output is safe on a
	// terminal as it is.
	EscapesControls() bool
}

// EscapesControls reports that the table escapes the control characters
// in its cells and header.
func (*Table) EscapesControls() bool { return true }

// isBidiControl reports whether r is one of the bidirectional formatting
// characters that reorder what follows them on the screen.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// keepSet says which of newline and tab escapeControls leaves as they are.
type keepSet uint8

const (
	keepNewline keepSet = 1 << iota
	keepTab
)

// hasControls reports whether b holds a character escapeControls
// escapes, given what it keeps. Printable ASCII is checked without
// decoding.
func hasControls(b []byte, keep keepSet) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c >= ' ' && c < 0x7f:
			i++
			continue
		case c == '\n' && keep&keepNewline != 0, c == '\t' && keep&keepTab != 0:
			i++
			continue
		case c < utf8.RuneSelf:
			return true
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 || r <= 0x9f || isBidiControl(r) {
			return true
		}
		i += n
	}
	return false
}

// appendEscaped appends b to dst with every character that could act on a
// terminal written as an escape, as discovery.Escape writes it: the C0
// controls and DEL as \xNN (\n, \t and \r by name; newline and tab kept
// when keep says so), the C1 controls and the bidirectional formatting
// characters as \uNNNN, and each byte that is not UTF-8 as \xNN. Other
// text, wide characters and combining marks included, is unchanged.
func appendEscaped(dst, b []byte, keep keepSet) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= ' ' && c < 0x7f {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = fmt.Appendf(dst, `\x%02x`, c)
		case r == '\n' && keep&keepNewline != 0, r == '\t' && keep&keepTab != 0:
			dst = append(dst, c)
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\t':
			dst = append(dst, `\t`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case r < ' ' || r == 0x7f:
			dst = fmt.Appendf(dst, `\x%02x`, r)
		case r <= 0x9f || isBidiControl(r):
			dst = fmt.Appendf(dst, `\u%04x`, r)
		default:
			dst = append(dst, b[i:i+n]...)
		}
		i += n
	}
	return dst
}

// escapeCell returns the text of a table cell with its control characters
// escaped, newlines kept (the table shows them as lines of the cell).
func escapeCell(b []byte) []byte {
	if !hasControls(b, keepNewline) {
		return b
	}
	return appendEscaped(nil, b, keepNewline)
}

// escapeHeader returns a column's name with its control characters
// escaped, newlines included: a header is one line.
func escapeHeader(s string) string {
	if !hasControls([]byte(s), 0) {
		return s
	}
	return string(appendEscaped(nil, []byte(s), 0))
}

// TerminalWriter escapes, in what is written through it, every character
// that could act on a terminal but newlines and tabs (see the formatters
// page of the docs), so that text from a plugin or a file shows as text.
// A UTF-8 sequence split between two writes is decoded whole; Close writes
// an unfinished one, escaped.
type TerminalWriter struct {
	w       io.Writer
	pending []byte
	buf     []byte
}

// NewTerminalWriter returns a TerminalWriter writing to w.
func NewTerminalWriter(w io.Writer) *TerminalWriter {
	return &TerminalWriter{w: w}
}

// Write writes p escaped. It reports len(p) written when the escaped text
// was written whole.
func (t *TerminalWriter) Write(p []byte) (int, error) {
	b := p
	if len(t.pending) > 0 {
		b = append(t.pending, p...)
		t.pending = nil
	}
	// Hold back a UTF-8 sequence that the next write may finish.
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				t.pending = append([]byte(nil), b[len(b)-k:]...)
				b = b[:len(b)-k]
			}
			break
		}
	}
	if !hasControls(b, keepNewline|keepTab) {
		if _, err := t.w.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	t.buf = appendEscaped(t.buf[:0], b, keepNewline|keepTab)
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes an unfinished UTF-8 sequence left by the last write, as
// bytes that are not UTF-8. It does not close the underlying writer.
func (t *TerminalWriter) Close() error {
	if len(t.pending) == 0 {
		return nil
	}
	b := appendEscaped(nil, t.pending, 0)
	t.pending = nil
	_, err := t.w.Write(b)
	return err
}
