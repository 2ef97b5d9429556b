package formatters

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestWholeFloatsStayFloats renders whole floats through every format and
// checks that each writes 3.0, not 3, and that json and yaml readers get a
// float back (issue 14, item 1).
func TestWholeFloatsStayFloats(t *testing.T) {
	values := []any{3.0, float32(2), math.Copysign(0, -1), 1e20, 0.5, 1e21}
	want := []string{"3.0", "2.0", "-0.0", "100000000000000000000.0", "0.5", "1e+21"}
	columns := make([]string, len(values))
	for i := range columns {
		columns[i] = string(rune('a' + i))
	}
	render := func(format string) string {
		t.Helper()
		set := NewSet("", nil)
		f, _ := set.New(format)
		var buf bytes.Buffer
		if err := f.(ListFormatter).FormatList(&buf, columns, rowsOf([][]any{values})); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return buf.String()
	}

	// json: the literal text, and a float (json.Number with a point or an
	// exponent) when read back.
	var objs []map[string]json.Number
	dec := json.NewDecoder(strings.NewReader(render("json")))
	dec.UseNumber()
	if err := dec.Decode(&objs); err != nil {
		t.Fatal(err)
	}
	for i, c := range columns {
		if got := string(objs[0][c]); got != want[i] {
			t.Errorf("json %s = %s, want %s", c, got, want[i])
		}
	}

	// yaml: every value resolves to !!float, with the same text.
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(render("yaml")), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0].Content[0]
	for i := range columns {
		v := m.Content[2*i+1]
		if v.ShortTag() != "!!float" || v.Value != want[i] {
			t.Errorf("yaml %s = %s %s, want !!float %s", columns[i], v.ShortTag(), v.Value, want[i])
		}
	}

	// csv: the same text.
	recs, err := csv.NewReader(strings.NewReader(render("csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[1], " "); got != strings.Join(want, " ") {
		t.Errorf("csv row = %s, want %s", got, strings.Join(want, " "))
	}

	// value and table: the same text.
	if got := strings.TrimSpace(render("value")); got != strings.Join(want, " ") {
		t.Errorf("value = %s", got)
	}
	if got := render("table"); !strings.Contains(got, "| 3.0 | 2.0 | -0.0 |") {
		t.Errorf("table lacks 3.0:\n%s", got)
	}
}

// TestNumberLiteralsKept sends the numbers of a structured plugin (decoded
// as json.Number) through every format: each keeps the text as written
// (issue 13, item 8), and yaml.v3 reads what the yaml formatter wrote back
// to that text with a number's tag.
func TestNumberLiteralsKept(t *testing.T) {
	lits := []string{"1e400", "1e-999999", "1.0", "123456789012345678901234567890.5", "-0.0", "1E5", "12345678901234567890123", "-7"}
	columns := make([]string, len(lits))
	row := make([]any, len(lits))
	for i, l := range lits {
		columns[i] = string(rune('a' + i))
		row[i] = json.Number(l)
	}
	set := NewSet("", nil)
	for _, format := range []string{"table", "csv", "json", "jsonl", "yaml", "value", "markdown"} {
		f, _ := set.New(format)
		var buf bytes.Buffer
		if err := f.(ListFormatter).FormatList(&buf, columns, rowsOf([][]any{row})); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, l := range lits {
			if !bytes.Contains(buf.Bytes(), []byte(l)) {
				t.Errorf("%s lost %s:\n%s", format, l, buf.String())
			}
		}
		if format != "yaml" {
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		m := doc.Content[0].Content[0]
		for i, l := range lits {
			v := m.Content[2*i+1]
			tag := "!!float"
			if isDigits(l) {
				tag = "!!int"
			}
			if v.ShortTag() != tag || v.Value != l {
				t.Errorf("yaml %s read back as %s %s", l, v.ShortTag(), v.Value)
			}
		}
	}
	// A record too, through the fast path and yaml.v3 alike.
	var buf bytes.Buffer
	if err := (&YAML{}).FormatRecord(&buf, columns, row); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "a: !!float 1e400\n") || !strings.Contains(buf.String(), "c: 1.0\n") {
		t.Errorf("yaml record:\n%s", buf.String())
	}
}
