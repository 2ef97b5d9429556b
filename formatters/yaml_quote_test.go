package formatters

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yaml11 are strings a YAML 1.1 reader (PyYAML) takes for a bool, null,
// number, timestamp, merge or value key when they are not quoted.
var yaml11 = []string{
	"yes", "Yes", "YES", "No", "no", "on", "On", "OFF", "off", "y", "Y", "n", "N",
	"true", "True", "TRUE", "False", "false", "~", "null", "Null", "NULL",
	"12:30:00", "1:20", "-1:20", "190:20:30.15", "=", "<<",
	"0x1F", "-0x1f", "0o17", "0b101", "1_000", "1_000.5", ".5", "-.5", "+.5", "1.", "1e3", "1.0e+3", "6.8523015e+5",
	"+1", "-1", "0", "0123", "0777", ".inf", "-.Inf", "+.INF", ".NaN", ".nan",
	"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2002-12-14T00:00:00Z",
}

// TestYAMLQuotesYAML11 checks that every string YAML 1.1 would misread is
// written quoted, as a value and as a key.
func TestYAMLQuotesYAML11(t *testing.T) {
	for _, s := range yaml11 {
		var buf bytes.Buffer
		if err := (&YAML{}).FormatList(&buf, []string{s}, rowsOf([][]any{{s}})); err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("%q: %v\n%s", s, err, buf.Bytes())
		}
		m := doc.Content[0].Content[0]
		for _, n := range m.Content {
			if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
				t.Errorf("%q is written plain, a YAML 1.1 reader misreads it:\n%s", s, buf.Bytes())
			}
		}
	}
}

// TestYAMLPyYAML reads the yaml output of awkward strings, as values and
// keys, back with PyYAML (YAML 1.1, what OpenStack tools use) and requires
// the very same strings.
func TestYAMLPyYAML(t *testing.T) {
	python := pythonWithYAML()
	if python == "" {
		t.Skip("needs python3 with PyYAML (Debian package python3-yaml)")
	}
	all := append(append([]string{}, seeds...), yaml11...)
	var rows [][]any
	for _, s := range all {
		if !strings.ContainsRune(s, 0) {
			rows = append(rows, []any{s, s})
		}
	}
	var buf bytes.Buffer
	if err := (&YAML{}).FormatList(&buf, []string{"v", "yes"}, rowsOf(rows)); err != nil {
		t.Fatal(err)
	}
	// PyYAML reads keys too; a list of [key, type, value] triples survives JSON.
	py := `import json, sys, yaml
out = [[[str(k), type(k).__name__, v, type(v).__name__] for k, v in m.items()] for m in yaml.safe_load(sys.stdin.buffer)]
json.dump(out, sys.stdout, default=repr)`
	cmd := exec.Command(python, "-c", py)
	cmd.Stdin = bytes.NewReader(buf.Bytes())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyyaml: %v\n%s", err, buf.Bytes())
	}
	var got [][][4]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("pyyaml read %d rows, want %d", len(got), len(rows))
	}
	for i, r := range got {
		want := rows[i][0].(string)
		if len(r) != 2 || r[0] != [4]any{"v", "str", want, "str"} || r[1] != [4]any{"yes", "str", want, "str"} {
			t.Errorf("pyyaml read %q as %v", want, r)
		}
	}
}

// pythonWithYAML returns a python3 that can import yaml: the first on PATH,
// else Debian's, where the python3-yaml package installs it (a python3
// earlier on PATH, such as pyenv's, does not see Debian's packages).
func pythonWithYAML() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import yaml").Run() == nil {
			return p
		}
	}
	return ""
}

// TestYAMLInvalidUTF8 pins that a string that is not UTF-8 (a file name
// may be any bytes) is written with U+FFFD in place of its bad bytes, as
// json writes it, in a list and in a record, where yaml.v3 would refuse
// the whole output.
func TestYAMLInvalidUTF8(t *testing.T) {
	bad := "\xff\xfebad"
	var list, rec, js bytes.Buffer
	if err := (&YAML{}).FormatList(&list, []string{"name"}, rowsOf([][]any{{bad}, {"ok"}})); err != nil {
		t.Fatal(err)
	}
	if err := (&YAML{}).FormatRecord(&rec, []string{"name"}, []any{bad}); err != nil {
		t.Fatal(err)
	}
	if err := (&JSON{}).FormatRecord(&js, []string{"name"}, []any{bad}); err != nil {
		t.Fatal(err)
	}
	var fromJSON map[string]string
	if err := json.Unmarshal(js.Bytes(), &fromJSON); err != nil {
		t.Fatal(err)
	}
	var fromList []map[string]string
	if err := yaml.Unmarshal(list.Bytes(), &fromList); err != nil {
		t.Fatalf("%v\n%s", err, list.Bytes())
	}
	var fromRec map[string]string
	if err := yaml.Unmarshal(rec.Bytes(), &fromRec); err != nil {
		t.Fatalf("%v\n%s", err, rec.Bytes())
	}
	if len(fromList) != 2 || fromList[0]["name"] != fromJSON["name"] || fromRec["name"] != fromJSON["name"] || fromList[1]["name"] != "ok" {
		t.Errorf("list %q, record %q, want the name as json writes it, %q", fromList, fromRec, fromJSON["name"])
	}
}
