package formatters

import (
	"bytes"
	"encoding/json"
)

// parseRow decodes one line holding a JSON array. Scalars take a fast path
// (strings without escapes, numbers, true, false, null); nested arrays and
// objects and escaped strings go through encoding/json.
func (d *WireDecoder) parseRow(b []byte) ([]any, error) {
	row := make([]any, 0, len(d.names))
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
func (d *WireDecoder) parseValue(b []byte, i int) (any, int, error) {
	if i >= len(b) {
		return nil, i, d.errorf("unterminated array")
	}
	switch c := b[i]; {
	case c == '"':
		return d.parseString(b, i)
	case c == '-' || c >= '0' && c <= '9':
		j := scanNumber(b, i)
		if j < 0 {
			return nil, i, d.errorf("invalid JSON number at byte %d", i+1)
		}
		return json.Number(b[i:j]), j, nil
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
func (d *WireDecoder) parseString(b []byte, i int) (any, int, error) {
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
				return string(b[i+1 : j]), j + 1, nil
			}
			var s string
			if err := json.Unmarshal(b[i:j+1], &s); err != nil {
				return nil, i, d.errorf("invalid JSON string at byte %d: %s", i+1, jsonMsg(err))
			}
			return s, j + 1, nil
		}
	}
	return nil, i, d.errorf("unterminated string at byte %d", i+1)
}

// scanNumber returns the index after the JSON number at b[i], or -1.
func scanNumber(b []byte, i int) int {
	if b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return -1
		}
	}
	return i
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
