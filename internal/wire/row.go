package wire

import (
	"github.com/longshore/longshore/internal/jsonnum"

	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// parseRow decodes one line holding a JSON array. Scalars take a fast path
// (strings without escapes, numbers, true, false, null): they are slices of
// one copy of the line, one allocation a row. Nested arrays and objects and
// escaped strings go through encoding/json.
func (d *Decoder) parseRow(b []byte) ([]any, error) {
	row := make([]any, 0, len(d.names))
	d.text = string(b)
	i := skipSpace(b, 1)
	if i < len(b) && b[i] == ']' {
		i++
	} else {
		for {
			v, j, err := d.parseValue(b, i)
			if err != nil {
				return nil, err
			}
			row = append(row, v)
			i = skipSpace(b, j)
			if i >= len(b) {
				return nil, d.errorf("unterminated array")
			}
			if b[i] == ']' {
				i++
				break
			}
			if b[i] != ',' {
				return nil, d.errorf("invalid JSON at byte %d: want , or ] after a value", i+1)
			}
			i = skipSpace(b, i+1)
		}
	}
	if i = skipSpace(b, i); i < len(b) {
		return nil, d.errorf("unexpected text after the row: %s", quoteStart(b[i:]))
	}
	return row, nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// parseValue decodes the value starting at b[i] and returns the index
// after it.
func (d *Decoder) parseValue(b []byte, i int) (any, int, error) {
	if i >= len(b) {
		return nil, i, d.errorf("unterminated array")
	}
	switch c := b[i]; {
	case c == '"':
		return d.parseString(b, i)
	case c == '-' || c >= '0' && c <= '9':
		j := jsonnum.Scan(b, i)
		if j < 0 {
			return nil, i, d.errorf("invalid JSON number at byte %d", i+1)
		}
		return json.Number(d.text[i:j]), j, nil
	case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
		return true, i + 4, nil
	case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
		return false, i + 5, nil
	case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
		return nil, i + 4, nil
	case c == '[' || c == '{':
		j := scanNested(b, i)
		if j < 0 {
			return nil, i, d.errorf("unterminated %c at byte %d", c, i+1)
		}
		dec := json.NewDecoder(bytes.NewReader(b[i:j]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, i, d.errorf("invalid JSON at byte %d: %s", i+1, jsonMsg(err))
		}
		return v, j, nil
	}
	return nil, i, d.errorf("invalid JSON at byte %d: unexpected %s", i+1, quoteStart(b[i:min(i+1, len(b))]))
}

// parseString decodes the string starting at b[i] (a quote).
func (d *Decoder) parseString(b []byte, i int) (any, int, error) {
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return nil, i, d.errorf("invalid JSON at byte %d: control character in a string", j+1)
		case c == '"':
			if !escaped {
				return d.text[i+1 : j], j + 1, nil
			}
			s, ok := unescape(b[i+1 : j])
			if !ok {
				var err error
				if err = json.Unmarshal(b[i:j+1], &s); err == nil {
					err = errors.New("invalid escape")
				}
				return nil, i, d.errorf("invalid JSON string at byte %d: %s", i+1, jsonMsg(err))
			}
			return s, j + 1, nil
		}
	}
	return nil, i, d.errorf("unterminated string at byte %d", i+1)
}

// scanNested returns the index after the array or object at b[i], or -1
// when it does not end on this line. It only matches brackets (outside
// strings); encoding/json checks the rest.
func scanNested(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// unescape decodes the body of a JSON string holding escapes; ok is false
// for an invalid escape.
func unescape(b []byte) (string, bool) {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i++; i >= len(b) {
			return "", false
		}
		switch b[i] {
		case '"', '\\', '/':
			out = append(out, b[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(b, i+1)
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(-1), false
				if i+2 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					r2, ok = hex4(b, i+3)
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return string(out), true
}

// hex4 reads the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	return rune(n), err == nil
}
