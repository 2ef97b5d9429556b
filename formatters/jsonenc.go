package formatters

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonEnc appends JSON to buf in one of two styles: Python's json.dump as
// cliff calls it (ASCII only, ", " and ": " separators or indented by two
// spaces), or compact UTF-8 for one-object-a-line output.
type jsonEnc struct {
	buf    []byte
	indent bool // two spaces a level, as json.dump(indent=2)
	spaced bool // ", " and ": " between items when not indented
	ascii  bool // \uXXXX for every non-ASCII character
}

const hexDigits = "0123456789abcdef"

// newline starts a new line at depth when indenting.
func (e *jsonEnc) newline(depth int) {
	if !e.indent {
		return
	}
	e.buf = append(e.buf, '\n')
	for range depth {
		e.buf = append(e.buf, ' ', ' ')
	}
}

// sep writes the separator between two items at depth.
func (e *jsonEnc) sep(depth int) {
	e.buf = append(e.buf, ',')
	if e.indent {
		e.newline(depth)
	} else if e.spaced {
		e.buf = append(e.buf, ' ')
	}
}

func (e *jsonEnc) colon() {
	if e.indent || e.spaced {
		e.buf = append(e.buf, ':', ' ')
	} else {
		e.buf = append(e.buf, ':')
	}
}

// object writes keys and values as an object at depth.
func (e *jsonEnc) object(keys []string, vals []any, depth int) {
	if len(keys) == 0 {
		e.buf = append(e.buf, '{', '}')
		return
	}
	e.buf = append(e.buf, '{')
	e.newline(depth + 1)
	for i, k := range keys {
		if i > 0 {
			e.sep(depth + 1)
		}
		e.str(k)
		e.colon()
		e.value(at(vals, i), depth+1)
	}
	e.newline(depth)
	e.buf = append(e.buf, '}')
}

func (e *jsonEnc) array(vals []any, depth int) {
	if len(vals) == 0 {
		e.buf = append(e.buf, '[', ']')
		return
	}
	e.buf = append(e.buf, '[')
	e.newline(depth + 1)
	for i, v := range vals {
		if i > 0 {
			e.sep(depth + 1)
		}
		e.value(v, depth+1)
	}
	e.newline(depth)
	e.buf = append(e.buf, ']')
}

// value writes v natively: nil as null, numbers of any size exactly,
// NaN and infinities as null, times as RFC 3339 strings, and anything else
// as encoding/json renders it (MarshalJSON included), restyled.
func (e *jsonEnc) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		e.buf = append(e.buf, "null"...)
	case string:
		e.str(v)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(v), 10)
	case int64:
		e.buf = strconv.AppendInt(e.buf, v, 10)
	case bool:
		e.buf = strconv.AppendBool(e.buf, v)
	case float64:
		e.float(v, 64)
	case float32:
		e.float(float64(v), 32)
	case json.Number:
		if v == "" {
			e.buf = append(e.buf, '0')
		} else {
			e.buf = append(e.buf, v...)
		}
	case *big.Int:
		if v == nil {
			e.buf = append(e.buf, "null"...)
		} else {
			e.buf = v.Append(e.buf, 10)
		}
	case time.Time:
		e.str(v.Format(time.RFC3339Nano))
	case Formattable:
		e.value(v.MachineReadable(), depth)
	case []any:
		e.array(v, depth)
	case map[string]any:
		keys, vals := sortedEntries(v)
		e.object(keys, vals, depth)
	default:
		e.value(generic(v), depth)
	}
}

// generic turns any value into the types of a decoded JSON document
// (map[string]any, []any, json.Number, string, bool, nil) through
// encoding/json, so that every value is written in one style.
func generic(v any) any {
	if IsNumber(v) {
		return json.Number(Text(v))
	}
	if _, custom := v.(json.Marshaler); !custom {
		// Slices and string-keyed maps are walked, so that the floats
		// inside keep their ".0" (encoding/json writes 2.0 as 2).
		switch rv := reflect.ValueOf(v); rv.Kind() {
		case reflect.Slice, reflect.Array:
			if rv.Kind() == reflect.Slice && rv.IsNil() {
				return nil
			}
			if rv.Type().Elem().Kind() == reflect.Uint8 {
				break // []byte: base64, as encoding/json writes it
			}
			out := make([]any, rv.Len())
			for i := range out {
				out[i] = rv.Index(i).Interface()
			}
			return out
		case reflect.Map:
			if rv.Type().Key().Kind() != reflect.String {
				break
			}
			if rv.IsNil() {
				return nil
			}
			out := make(map[string]any, rv.Len())
			for it := rv.MapRange(); it.Next(); {
				out[it.Key().String()] = it.Value().Interface()
			}
			return out
		}
	}
	b, err := marshalJSON(v)
	if err != nil {
		return Text(v)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return Text(v)
	}
	return out
}

func (e *jsonEnc) float(f float64, bits int) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = appendFloat(e.buf, f, bits)
}

// str writes s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func (e *jsonEnc) str(s string) {
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b >= ' ' && b != '"' && b != '\\' && b < 0x7f {
			i++
			continue
		}
		if b == 0x7f && !e.ascii {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			e.buf = append(e.buf, s[start:i]...)
			switch b {
			case '"', '\\':
				e.buf = append(e.buf, '\\', b)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			case '\b':
				e.buf = append(e.buf, '\\', 'b')
			case '\f':
				e.buf = append(e.buf, '\\', 'f')
			default:
				e.u16(rune(b))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			if e.ascii {
				e.u16(utf8.RuneError)
			} else {
				e.buf = append(e.buf, "\ufffd"...)
			}
			i += size
			start = i
			continue
		}
		if e.ascii {
			e.buf = append(e.buf, s[start:i]...)
			if r > 0xffff {
				r -= 0x10000
				e.u16(0xd800 + (r>>10)&0x3ff)
				e.u16(0xdc00 + r&0x3ff)
			} else {
				e.u16(r)
			}
			start = i + size
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}

// u16 writes \uXXXX in lower-case hex, as Python does.
func (e *jsonEnc) u16(r rune) {
	e.buf = append(e.buf, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// sortedEntries returns a map's keys, sorted, and their values in the same
// order: maps are rendered with sorted keys, so output never depends on
// map order.
func sortedEntries(m map[string]any) (keys []string, vals []any) {
	keys = make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals = make([]any, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}
