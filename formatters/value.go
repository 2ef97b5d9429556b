package formatters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/longshore/longshore/command"
)

// Formattable is implemented by a value that renders differently for
// people and for programs, after cliff's FormattableColumn: the table and
// markdown formatters show HumanReadable, every other formatter renders
// MachineReadable by the usual value rules.
type Formattable interface {
	// HumanReadable is the text shown in tables.
	HumanReadable() string
	// MachineReadable is the value csv, json, yaml and the rest render.
	MachineReadable() any
}

// Colorer is implemented by a value that people see in colour on a
// terminal, such as a status that is green when all is well. When the
// output may be coloured ([Env].Color), the table writes the cell's text
// through Colorize, with a scheme that colours; it measures, pads and
// wraps the cell by its text alone, so Colorize must only add escape codes
// around the text, as the scheme's methods do. Every other formatter, and
// the table when colour is off, ignore Colorize: csv, json, yaml and value
// output never carry an escape code. A Colorer that is also a
// [Formattable] shows its HumanReadable text in the table.
type Colorer interface {
	Colorize(cs command.ColorScheme, text string) string
}

// Machine returns the value a machine format renders: MachineReadable of a
// Formattable, v itself otherwise.
func Machine(v any) any {
	if f, ok := v.(Formattable); ok {
		return f.MachineReadable()
	}
	return v
}

// HumanText renders a value for people: HumanReadable of a Formattable,
// [Text] otherwise.
func HumanText(v any) string {
	if f, ok := v.(Formattable); ok {
		return f.HumanReadable()
	}
	return Text(v)
}

// Text renders a value for a text format (csv, value, template, shell):
//
//   - nil (and a nil pointer) is empty;
//   - strings as they are, bools as true/false;
//   - integers of any size in full, *big.Int and json.Number included;
//   - floats in the shortest form that reads back exactly, without
//     exponent between 1e-6 and 1e21 (as encoding/json writes them), and
//     with ".0" when whole, so that a float reads back as a float (3.0,
//     as cliff prints it);
//   - time.Time as RFC 3339 (fractional seconds only when present);
//   - errors and fmt.Stringers by their text;
//   - slices, arrays, maps and structs as compact JSON;
//   - a Formattable by its MachineReadable value.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return formatFloat(v, 64)
	case float32:
		return formatFloat(float64(v), 32)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case *big.Int:
		if v == nil {
			return ""
		}
		return v.String()
	case json.Number:
		return string(v)
	case Formattable:
		return Text(v.MachineReadable())
	case error:
		return v.Error()
	case fmt.Stringer:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return ""
		}
		return v.String()
	}
	return reflectText(reflect.ValueOf(v))
}

// reflectText renders the kinds Text has no fast case for.
func reflectText(rv reflect.Value) string {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return ""
		}
		return Text(rv.Elem().Interface())
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32:
		return formatFloat(rv.Float(), 32)
	case reflect.Float64:
		return formatFloat(rv.Float(), 64)
	case reflect.Slice, reflect.Map:
		if rv.IsNil() {
			return ""
		}
	}
	// Compact JSON by the json formatter's value rules, so that a float
	// inside keeps its ".0".
	if _, err := marshalJSON(rv.Interface()); err != nil {
		return fmt.Sprint(rv.Interface())
	}
	e := &jsonEnc{}
	e.value(rv.Interface(), 0)
	return string(e.buf)
}

// marshalJSON is json.Marshal without HTML escaping and without the
// trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n")), nil
}

// formatFloat writes f as encoding/json does: the shortest representation
// that reads back exactly, with an exponent only outside [1e-6, 1e21),
// except that a whole number ends in ".0" (3.0, not 3), as Python's repr
// writes it, so that json and yaml readers get a float back.
// NaN and infinities are "NaN", "+Inf" and "-Inf".
func formatFloat(f float64, bits int) string {
	return string(appendFloat(nil, f, bits))
}

func appendFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.AppendFloat(b, f, 'g', -1, bits)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(b) - start
		if n >= 4 && b[len(b)-4] == 'e' && b[len(b)-3] == '-' && b[len(b)-2] == '0' {
			b[len(b)-2] = b[len(b)-1]
			b = b[:len(b)-1]
		}
		return b
	}
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, '.', '0')
	}
	return b
}

// IsNumber reports whether v is a number, an integer of any size or a
// float: numbers are right-aligned in tables and left unquoted by csv's
// nonnumeric mode. A Formattable is not a number (its human text is shown);
// pass Machine(v) to ask about its machine value.
func IsNumber(v any) bool {
	switch v := v.(type) {
	case int, int64, float64, int32, uint, uint64, uint32, int8, int16, uint8, uint16, float32, json.Number:
		return true
	case *big.Int:
		return v != nil
	case *big.Float:
		return v != nil
	case string, nil, bool, Formattable:
		return false
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		_, stringer := v.(fmt.Stringer)
		return !stringer
	}
	return false
}

// appendText appends Text(v) to b, without allocating for the common types.
func appendText(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return append(b, v...)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		return appendFloat(b, v, 64)
	case bool:
		return strconv.AppendBool(b, v)
	case nil:
		return b
	}
	return append(b, Text(v)...)
}
