package wire_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/wire"
)

// decodeAll reads a whole wire document: header, rows, and the error that
// ended it (nil at a clean end).
func decodeAll(in string) (formatters.Kind, []string, [][]any, error) {
	d := wire.NewDecoder(strings.NewReader(in))
	kind, names, err := d.Header()
	if err != nil {
		return 0, nil, nil, err
	}
	var rows [][]any
	for {
		row, err := d.Next()
		if err == io.EOF {
			return kind, names, rows, nil
		}
		if err != nil {
			return kind, names, rows, err
		}
		rows = append(rows, row)
	}
}

func TestWireDecode(t *testing.T) {
	n := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		name  string
		in    string
		kind  formatters.Kind
		names []string
		rows  [][]any
	}{
		{"list", "{\"columns\":[\"a\",\"b\"]}\n[\"x\",1]\n[null,true]\n", formatters.List, []string{"a", "b"}, [][]any{{"x", n("1")}, {nil, true}}},
		{"no rows", `{"columns":["a"]}`, formatters.List, []string{"a"}, nil},
		{"no final newline", "{\"columns\":[\"a\"]}\n[1]", formatters.List, []string{"a"}, [][]any{{n("1")}}},
		{"blank lines and CRLF", "\n{\"columns\":[\"a\"]}\r\n\r\n[ false ]\r\n", formatters.List, []string{"a"}, [][]any{{false}}},
		{"spaces", "{ \"columns\" : [ \"a\" , \"b\" ] }\n[ \"x\" ,\t-1.5e+3 ]\n", formatters.List, []string{"a", "b"}, [][]any{{"x", n("-1.5e+3")}}},
		{"escapes", `{"columns":["a"]}` + "\n" + `["tab\there \"q\" \u00e9 \ud83d\ude00"]`, formatters.List, []string{"a"}, [][]any{{"tab\there \"q\" é 😀"}}},
		{"unicode", "{\"columns\":[\"é\"]}\n[\"日本\"]\n", formatters.List, []string{"é"}, [][]any{{"日本"}}},
		{"nested", `{"columns":["a","b"]}` + "\n" + `[[1,"]"],{"k":{"x":null}}]`, formatters.List, []string{"a", "b"}, [][]any{{[]any{n("1"), "]"}, map[string]any{"k": map[string]any{"x": nil}}}}},
		{"big number", `{"columns":["a"]}` + "\n" + `[123456789012345678901234567890]`, formatters.List, []string{"a"}, [][]any{{n("123456789012345678901234567890")}}},
		{"record", "{\"fields\":[\"a\",\"b\"]}\n[\"x\",0]\n", formatters.Record, []string{"a", "b"}, [][]any{{"x", n("0")}}},
		{"empty columns", "{\"columns\":[]}\n[]\n", formatters.List, []string{}, [][]any{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, names, rows, err := decodeAll(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if kind != tt.kind || !reflect.DeepEqual(names, tt.names) || !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("got %v %q %#v, want %v %q %#v", kind, names, rows, tt.kind, tt.names, tt.rows)
			}
		})
	}
}

func TestWireDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		rows     int
		want     string
	}{
		{"row before header", "[1]\n", 0, `line 1: a row before the header; the first line must be {"columns":[...]} or {"fields":[...]}`},
		{"not JSON header", "hello\n", 0, `line 1: bad header, want {"columns":[...]} or {"fields":[...]}: invalid character 'h' looking for beginning of value`},
		{"unknown key", `{"cols":["a"]}`, 0, `line 1: bad header, want {"columns":[...]} or {"fields":[...]}: unknown field "cols"`},
		{"empty header", `{}`, 0, `line 1: bad header, want {"columns":[...]} or {"fields":[...]}`},
		{"both keys", `{"columns":["a"],"fields":["b"]}`, 0, `line 1: the header has both "columns" and "fields"`},
		{"header garbage", `{"columns":["a"]} x`, 0, `line 1: unexpected text after the header: "x"`},
		{"duplicate name", `{"columns":["a","a"]}`, 0, `line 1: name "a" twice in the header`},
		{"empty name", `{"columns":[""]}`, 0, `line 1: empty name in the header`},
		{"header not UTF-8", "{\"columns\":[\"\xff\"]}", 0, `line 1: not valid UTF-8`},
		{"wrong arity", "{\"columns\":[\"a\",\"b\"]}\n[1,2]\n[1]\n", 1, `line 3: row has 1 values, want 2`},
		{"too many", "{\"columns\":[\"a\"]}\n[1,2]\n", 0, `line 2: row has 2 values, want 1`},
		{"bad JSON", "{\"columns\":[\"a\"]}\n[1,2\n", 0, `line 2: unterminated array`},
		{"bad literal", "{\"columns\":[\"a\"]}\n[tru]\n", 0, `line 2: invalid JSON at byte 2: unexpected "t"`},
		{"bad number", "{\"columns\":[\"a\"]}\n[01]\n", 0, `line 2: invalid JSON at byte 3: want , or ] after a value`},
		{"bare minus", "{\"columns\":[\"a\"]}\n[-]\n", 0, `line 2: invalid JSON number at byte 2`},
		{"not an array", "{\"columns\":[\"a\"]}\n\"x\"\n", 0, `line 2: want a JSON array of 1 values, got "\"x\""`},
		{"second header", "{\"columns\":[\"a\"]}\n{\"columns\":[\"a\"]}\n", 0, `line 2: a second header; want a JSON array of 1 values`},
		{"object row", "{\"columns\":[\"a\"]}\n{\"a\":1}\n", 0, `line 2: a JSON object where an array was expected; a row is a JSON array of 1 values`},
		{"trailing garbage", "{\"columns\":[\"a\"]}\n[1] [2]\n", 0, `line 2: unexpected text after the row: "[2]"`},
		{"not UTF-8", "{\"columns\":[\"a\"]}\n[\"ok\"]\n\n[\"\xc3\x28\"]\n", 1, `line 4: not valid UTF-8`},
		{"control char", "{\"columns\":[\"a\"]}\n[\"a\tb\"]\n", 0, `line 2: invalid JSON at byte 4: control character in a string`},
		{"bad escape", "{\"columns\":[\"a\"]}\n[\"\\x\"]\n", 0, `line 2: invalid JSON string at byte 2: invalid character 'x' in string escape code`},
		{"unterminated string", "{\"columns\":[\"a\"]}\n[\"ab]\n", 0, `line 2: unterminated string at byte 2`},
		{"bad nested", "{\"columns\":[\"a\"]}\n[{\"k\":}]\n", 0, `line 2: invalid JSON at byte 2: invalid character '}' looking for beginning of value`},
		{"unterminated nested", "{\"columns\":[\"a\"]}\n[[1]\n", 0, `line 2: unterminated array`},
		{"record without values", "{\"fields\":[\"a\"]}\n", 0, `line 1: the record's values are missing after its fields`},
		{"record twice", "{\"fields\":[\"a\"]}\n[1]\n[2]\n", 1, `line 3: unexpected line after the record's values`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, rows, err := decodeAll(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v, want %s", err, tt.want)
			}
			var we *wire.Error
			if !errors.As(err, &we) {
				t.Errorf("error is %T, want *wire.Error", err)
			}
			if len(rows) != tt.rows {
				t.Errorf("decoded %d rows before the error, want %d", len(rows), tt.rows)
			}
		})
	}
}

func TestWireDecodeEmpty(t *testing.T) {
	if _, _, err := wire.NewDecoder(strings.NewReader("\n\n")).Header(); err != io.EOF {
		t.Errorf("Header on no input = %v, want io.EOF", err)
	}
}

func TestWireDecodeLongLine(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	_, _, rows, err := decodeAll("{\"columns\":[\"a\"]}\n[\"" + long + "\"]\n[\"short\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != long || rows[1][0] != "short" {
		t.Errorf("long line not read back whole")
	}
}

// TestWireRoundTrip checks that what Wire writes, the decoder reads back
// as the same text in every text format.
func TestWireRoundTrip(t *testing.T) {
	cols := []string{"name", "n", "f", "ok", "none", "list"}
	rows := [][]any{
		{"a \"quoted\"\ttab", 1, 2.5, true, nil, []any{1, "x"}},
		{"日本\x7f", -7, 1e21, false, nil, map[string]any{"k": 1}},
	}
	var buf bytes.Buffer
	if err := (&formatters.Wire{}).FormatList(&buf, cols, command.RowsOf(rows...)); err != nil {
		t.Fatal(err)
	}
	_, names, got, err := decodeAll(buf.String())
	if err != nil {
		t.Fatalf("%v in\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(names, cols) || len(got) != len(rows) {
		t.Fatalf("got %q and %d rows", names, len(got))
	}
	for i := range rows {
		for j := range rows[i] {
			if a, b := formatters.Text(got[i][j]), formatters.Text(rows[i][j]); a != b {
				t.Errorf("row %d column %s: %q, want %q", i, cols[j], a, b)
			}
		}
	}
	buf.Reset()
	if err := (&formatters.Wire{}).FormatRecord(&buf, []string{"a", "b"}, []any{"x"}); err != nil {
		t.Fatal(err)
	}
	if want := "{\"fields\":[\"a\",\"b\"]}\n[\"x\",null]\n"; buf.String() != want {
		t.Errorf("record = %q, want %q", buf.String(), want)
	}
}

// FuzzWireDecode checks that the decoder never panics and that every row it
// accepts is a JSON array encoding/json accepts too, with the same values.
func FuzzWireDecode(f *testing.F) {
	for _, s := range []string{
		`[1,"a",null]`, `["\u00e9\n",true,false]`, `[[1,[2]],{"a":"}"}]`, `[-0.5e-3, 0]`,
		`["\ud800\u0041","\ud83d\ude00","\/\b\f"]`, `["\ud800x"]`, `["\u12"]`,
		`[1] x`, `[01]`, `["\x"]`, "[\"\xff\"]", `[`, `[1,]`, `[,1]`, `[{]`, `["a\"]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		width := 0
		var probe []any
		if json.Unmarshal([]byte(line), &probe) == nil {
			width = len(probe)
		}
		names := make([]string, width)
		for i := range names {
			names[i] = string(rune('a'+i%26)) + strings.Repeat("_", i/26)
		}
		hdr, _ := json.Marshal(map[string][]string{"columns": names})
		d := wire.NewDecoder(strings.NewReader(string(hdr) + "\n" + line + "\n"))
		if _, _, err := d.Header(); err != nil {
			t.Fatal(err)
		}
		row, err := d.Next()
		if err != nil {
			return
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var want []any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("decoder accepted %q, encoding/json says %v", line, err)
		}
		if want == nil {
			want = []any{}
		}
		if !reflect.DeepEqual(row, want) {
			t.Fatalf("%q: got %#v, want %#v", line, row, want)
		}
	})
}

// BenchmarkWireDecode decodes rows like demoapp's numbers list in the wire
// format: the parent's share of a structured plugin's cost.
func BenchmarkWireDecode(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"columns":["n","square","hex","power","label","even"]}` + "\n")
	for n := range 1000 {
		fmt.Fprintf(&buf, "[%d,%d,\"%#x\",%d,\"nº %d, \\\"n\\\"\",%t]\n", n, n*n, n, int64(1)<<(n%62), n, n%2 == 0)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := wire.NewDecoder(bytes.NewReader(data))
		if _, _, err := d.Header(); err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := d.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
