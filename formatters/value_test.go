package formatters

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"testing"
	"time"
)

type point struct {
	X, Y int
}

// TestText pins the value rules of text formats.
func TestText(t *testing.T) {
	var nilPtr *int
	seven := 7
	a, b := 0.1, 0.2
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{nilPtr, ""},
		{&seven, "7"},
		{"a b", "a b"},
		{true, "true"},
		{int8(-8), "-8"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{huge, "123456789012345678901234567890"},
		{json.Number("1.50"), "1.50"},
		{a + b, "0.30000000000000004"},
		{0.1, "0.1"},
		{float32(0.1), "0.1"},
		{1e21, "1e+21"},
		{1e20, "100000000000000000000.0"},
		{1e-7, "1e-7"},
		{2.0, "2.0"},
		{float32(3), "3.0"},
		{math.Copysign(0, -1), "-0.0"},
		{json.Number("1e400"), "1e400"},
		{math.Inf(-1), "-Inf"},
		{time.Date(2024, 2, 29, 12, 34, 56, 0, time.UTC), "2024-02-29T12:34:56Z"},
		{time.Date(2024, 2, 29, 12, 34, 56, 120000000, time.FixedZone("", 3600)), "2024-02-29T12:34:56.12+01:00"},
		{90 * time.Second, "1m30s"},
		{fs.FileMode(0o755), "-rwxr-xr-x"},
		{errors.New("boom"), "boom"},
		{[]string{"a", "<b>"}, `["a","<b>"]`},
		{[]int(nil), ""},
		{map[string]any{"z": 1, "a": []any{nil}}, `{"a":[null],"z":1}`},
		{point{1, 2}, `{"X":1,"Y":2}`},
		{size(2048), "2048"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := HumanText(size(2048)); got != "2 KiB" {
		t.Errorf("HumanText(size) = %q", got)
	}
}

// TestIsNumber pins what is right-aligned and left unquoted.
func TestIsNumber(t *testing.T) {
	for _, v := range []any{1, int64(2), uint8(3), 1.5, float32(2), huge, json.Number("4")} {
		if !IsNumber(v) {
			t.Errorf("IsNumber(%#v) = false", v)
		}
	}
	for _, v := range []any{nil, "1", true, fs.FileMode(0), time.Second, size(1), []int{1}} {
		if IsNumber(v) {
			t.Errorf("IsNumber(%#v) = true", v)
		}
	}
}

// TestJSONValues pins the native rendering of values in json.
func TestJSONValues(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, "null"},
		{math.NaN(), "null"},
		{huge, "123456789012345678901234567890"},
		{uint16(9), "9"},
		{"\x00\x7f\u2028é😀\xff", `"\u0000\u007f\u2028\u00e9\ud83d\ude00\ufffd"`},
		{[]any{1, "a"}, `[1, "a"]`},
		{point{1, 2}, `{"X": 1, "Y": 2}`},
		{size(3), "3"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), `"2024-02-29T00:00:00Z"`},
	}
	for _, tt := range tests {
		e := &jsonEnc{spaced: true, ascii: true}
		e.value(tt.in, 0)
		if string(e.buf) != tt.want {
			t.Errorf("json %#v = %s, want %s", tt.in, e.buf, tt.want)
		}
	}
}
