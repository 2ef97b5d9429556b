package formatters

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"
)

// The yaml fast path writes a row directly when every key and value is of
// a kind whose YAML form it can produce exactly as the yaml.v3 encoder
// does (see yamlNode and yamlString); on anything else it reports false
// and the row goes through yaml.v3. It is conservative by design: it
// declines whatever it is not sure of (characters yaml.v3 escapes, quotes
// in quoted text, long keys, nested values, times whose text yaml.v3
// would tag explicitly).
// yaml.v3 folds no line (its encoder's width is unlimited), so text of any
// length is written on one line. TestYAMLFastMatchesEncoder and
// FuzzYAMLFast compare its bytes with yaml.v3's.

// yamlMaxSimpleKey is the longest key yaml.v3 writes as a simple "key:"
// rather than a "? key" complex key.
const yamlMaxSimpleKey = 128

// yamlPlainByte marks the bytes the fast path writes in a plain scalar
// after its first: none is a YAML indicator inside a plain scalar, except
// ':' (an indicator before a space or at the end, which the check rules
// out).
var yamlPlainByte = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range " _-./,()+=@:%~^$;\"'" {
		t[c] = true
	}
	return t
}()

// appendYAMLRow appends the mapping of keys and vals as yaml.v3 writes it:
// block style, as a sequence item when item is true (the rows of a list),
// at the top level otherwise (a record). It reports false, with b to be
// discarded, when a key or value is not one it can write exactly.
func appendYAMLRow(b []byte, keys []string, vals []any, item bool) ([]byte, bool) {
	if len(keys) == 0 {
		return b, false // yaml.v3 writes {}
	}
	ok := true
	for i, k := range keys {
		switch {
		case !item:
		case i == 0:
			b = append(b, "- "...)
		default:
			b = append(b, "  "...)
		}
		if len(k) > yamlMaxSimpleKey {
			return b, false
		}
		if b, ok = appendYAMLString(b, k); !ok {
			return b, false
		}
		b = append(b, ": "...)
		if b, ok = appendYAMLValue(b, at(vals, i)); !ok {
			return b, false
		}
		b = append(b, '\n')
	}
	return b, true
}

// appendYAMLValue appends v as yamlNode renders it.
func appendYAMLValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return appendYAMLString(b, v)
	case bool:
		return strconv.AppendBool(b, v), true
	case int:
		return strconv.AppendInt(b, int64(v), 10), true
	case int64:
		return strconv.AppendInt(b, v, 10), true
	case float64:
		return appendYAMLFloat(b, v, 64)
	case float32:
		return appendYAMLFloat(b, float64(v), 32)
	case *big.Int:
		if v == nil {
			return append(b, "null"...), true
		}
		if v.IsInt64() {
			return strconv.AppendInt(b, v.Int64(), 10), true
		}
		return appendYAMLInt(b, v.String()), true
	case json.Number:
		s := string(v)
		if isDigits(s) {
			return appendYAMLInt(b, s), true
		}
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return b, false // +1: leave to yaml.v3
		}
		if !isJSONNumber(s) {
			f, _ := v.Float64()
			return appendYAMLFloat(b, f, 64)
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return b, false // 1e400: yaml.v3 tags it !!float
		}
		return append(b, s...), true
	case time.Time:
		// RFC 3339 text that yaml.v3 reads back as a timestamp is written
		// plain; other years and offsets get an explicit tag.
		if _, off := v.Zone(); v.Year() < 0 || v.Year() > 9999 || off <= -24*3600 || off >= 24*3600 {
			return b, false
		}
		return v.AppendFormat(b, time.RFC3339Nano), true
	case Formattable:
		return appendYAMLValue(b, v.MachineReadable())
	case []any, map[string]any:
		return b, false
	}
	if IsNumber(v) {
		return appendYAMLValue(b, json.Number(Text(v)))
	}
	return b, false
}

// appendYAMLFloat appends f as yamlFloat renders it.
func appendYAMLFloat(b []byte, f float64, bits int) ([]byte, bool) {
	switch {
	case math.IsNaN(f):
		return append(b, ".nan"...), true
	case math.IsInf(f, 1):
		return append(b, ".inf"...), true
	case math.IsInf(f, -1):
		return append(b, "-.inf"...), true
	}
	return appendFloat(b, f, bits), true
}

// appendYAMLInt appends the !!int scalar s (digits, perhaps after a minus
// sign) as yaml.v3 writes it: plain when it reads back as an int, which
// is when it parses (base 0, so 007 is octal) as an int64 or a uint64;
// with its tag otherwise (08, beyond 64 bits).
func appendYAMLInt(b []byte, s string) []byte {
	if _, err := strconv.ParseInt(s, 0, 64); err != nil {
		if _, err := strconv.ParseUint(s, 0, 64); err != nil {
			b = append(b, "!!int "...)
		}
	}
	return append(b, s...)
}

// appendYAMLString appends s as yamlString renders it: double-quoted
// when yamlAmbiguous, else plain. It takes printable ASCII and the
// characters yamlPrintable allows. A plain scalar must start with a
// letter, '_', '/' or a non-ASCII character, hold only yamlPlainByte bytes
// besides those, with no ':' before a space or at the end, and not end
// with a space; a quoted one must hold no '"' or '\'.
func appendYAMLString(b []byte, s string) ([]byte, bool) {
	quoted := yamlAmbiguous(s)
	if !quoted {
		c := s[0]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '/' || c >= utf8.RuneSelf) || s[len(s)-1] == ' ' {
			return b, false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if n == 1 || !yamlPrintable(r) { // n == 1: invalid UTF-8
				return b, false
			}
			i += n - 1
		case c < ' ' || c > '~':
			return b, false
		case quoted:
			if c == '"' || c == '\\' {
				return b, false
			}
		case !yamlPlainByte[c]:
			return b, false
		case c == ':' && (i == len(s)-1 || s[i+1] == ' '):
			return b, false
		}
	}
	if quoted {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), true
	}
	return append(b, s...), true
}

// yamlPrintable tells whether yaml.v3 writes the non-ASCII rune r as it
// is, in a plain or a double-quoted scalar: a printable character of the
// Basic Multilingual Plane, not a BOM and not a line or paragraph
// separator. (It escapes characters beyond U+FFFF.)
func yamlPrintable(r rune) bool {
	switch {
	case r == 0xFEFF, r == 0x2028, r == 0x2029:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return false
}
