package formatters

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parsers read each round-trippable format back into rows of strings
// (the header or keys first). They decode into any, so a value read back as
// another type (a bool, a number, a time, null) fails instead of being
// converted back to text.
var parsers = map[string]func(t *testing.T, out []byte, columns []string) [][]string{
	"csv": func(t *testing.T, out []byte, _ []string) [][]string {
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("parse csv: %v\n%s", err, out)
		}
		return recs
	},
	"json": func(t *testing.T, out []byte, columns []string) [][]string {
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("parse json: %v\n%s", err, out)
		}
		return objectsToRows(t, v, columns)
	},
	"jsonl": func(t *testing.T, out []byte, columns []string) [][]string {
		var objs []any
		dec := json.NewDecoder(bytes.NewReader(out))
		for dec.More() {
			var o any
			if err := dec.Decode(&o); err != nil {
				t.Fatalf("parse jsonl: %v\n%s", err, out)
			}
			objs = append(objs, o)
		}
		return objectsToRows(t, objs, columns)
	},
	"yaml": func(t *testing.T, out []byte, columns []string) [][]string {
		var v any
		if err := yaml.Unmarshal(out, &v); err != nil {
			t.Fatalf("parse yaml: %v\n%s", err, out)
		}
		return objectsToRows(t, v, columns)
	},
}

// objectsToRows turns a decoded list of objects into rows, failing unless
// it is a list of string-keyed objects holding a string in every column.
func objectsToRows(t *testing.T, v any, columns []string) [][]string {
	t.Helper()
	rows := [][]string{columns}
	if v == nil {
		return rows
	}
	objs, ok := v.([]any)
	if !ok {
		t.Fatalf("decoded %T, want a list", v)
	}
	for _, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			t.Fatalf("decoded row %#v (%T), want an object with string keys", o, o)
		}
		if len(m) != len(columns) {
			t.Fatalf("decoded row %#v, want the keys %q", m, columns)
		}
		row := make([]string, len(columns))
		for i, c := range columns {
			s, ok := m[c].(string)
			if !ok {
				t.Fatalf("column %q decoded as %#v (%T), want a string", c, m[c], m[c])
			}
			row[i] = s
		}
		rows = append(rows, row)
	}
	return rows
}

// roundTrip writes a two-column list holding the values through format
// and checks that parsing the output gives the values back exactly.
func roundTrip(t *testing.T, format string, values []string) {
	t.Helper()
	columns := []string{"a", "b"}
	switch format {
	case "csv":
		// The header must survive too.
		columns = []string{"a" + first(values), "b"}
	case "yaml":
		// So must the keys.
		if k := first(values); k != "b" {
			columns = []string{k, "b"}
		}
	}
	var rows [][]any
	want := [][]string{columns}
	for i := 0; i+1 < len(values); i += 2 {
		rows = append(rows, []any{values[i], values[i+1]})
		want = append(want, []string{values[i], values[i+1]})
	}
	var buf bytes.Buffer
	if err := builtins[format]().(ListFormatter).FormatList(&buf, columns, rowsOf(rows)); err != nil {
		t.Fatal(err)
	}
	got := parsers[format](t, buf.Bytes(), columns)
	if format == "csv" {
		// encoding/csv reads a quoted CR LF as LF; the writer kept it.
		for _, r := range want {
			for i := range r {
				r[i] = strings.ReplaceAll(r[i], "\r\n", "\n")
			}
		}
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Fatalf("%s round trip:\n got %q\nwant %q\noutput:\n%s", format, got, want, buf.Bytes())
	}
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// TestRoundTripProperty checks, for random strings, that csv, json, jsonl
// and yaml output parse back to exactly the values written.
func TestRoundTripProperty(t *testing.T) {
	for format := range parsers {
		t.Run(format, func(t *testing.T) {
			err := quick.Check(func(values []string) bool {
				for i, v := range values {
					values[i] = strings.ToValidUTF8(v, "?")
				}
				roundTrip(t, format, values)
				return !t.Failed()
			}, &quick.Config{MaxCount: 300})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// seeds are the awkward strings every fuzz target starts from.
var seeds = []string{
	"", " ", "  lead", "trail  ", "a,b", `say "hi"`, "line\nbreak", "cr\rlf\r\n", "tab\tx",
	"yes", "no", "on", "null", "~", "0123", "1e3", "0x1F", "-", "- x", ": x", "a: b", "#c", "&a", "*a", "!t",
	"[1]", "{a: 1}", "'q'", "%", "@", "`", "|", ">", "?", "日本語", "😀", "e\u0301", "\u2028", "\x00", "\x7f",
	"\ufeffbom", "\u0085nel", `back\slash`, "---", "...", "true", "False", ".inf", "=", "\\N",
	"Yes", "OFF", "y", "N", "Null", "12:30:00", "1:20", "0o17", "1_000", ".5", "+1", ".NaN", "2001-12-14", "<<",
}

func fuzzFormat(f *testing.F, format string) {
	for i, s := range seeds {
		f.Add(s, seeds[(i+7)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			// Go strings may hold invalid UTF-8; JSON and YAML cannot.
			return
		}
		roundTrip(t, format, []string{a, b, b, a})
	})
}

// FuzzCSV checks that csv output reads back exactly (seed corpus runs in
// every go test; go test -fuzz FuzzCSV explores).
func FuzzCSV(f *testing.F) { fuzzFormat(f, "csv") }

// FuzzJSON checks that json output reads back exactly.
func FuzzJSON(f *testing.F) { fuzzFormat(f, "json") }

// FuzzJSONL checks that jsonl output reads back exactly.
func FuzzJSONL(f *testing.F) { fuzzFormat(f, "jsonl") }

// FuzzYAML checks that yaml output reads back exactly.
func FuzzYAML(f *testing.F) { fuzzFormat(f, "yaml") }
