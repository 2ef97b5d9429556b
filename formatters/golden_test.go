package formatters

import (
	"bytes"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the actual output")

// size is a Formattable: people see "1.5 KiB", programs the byte count.
type size int

func (s size) HumanReadable() string {
	return strconv.FormatFloat(float64(s)/1024, 'f', -1, 64) + " KiB"
}
func (s size) MachineReadable() any { return int(s) }

var huge, _ = new(big.Int).SetString("123456789012345678901234567890", 10)

// fixture covers the hard cases: unicode (CJK, emoji, combining), commas,
// quotes, newlines, leading and trailing spaces, nil, huge integers, floats,
// times, nested values and a Formattable.
var (
	fixtureColumns = []string{"name", "count", "note", "tags", "when", "size"}
	fixtureRows    = [][]any{
		{"plain", 1, "hello, world", []any{"a", "b"}, time.Date(2024, 2, 29, 12, 34, 56, 0, time.UTC), size(1536)},
		{"日本語 😀 e\u0301", huge, `say "hi"`, map[string]any{"k": 1, "z": []any{nil, true}}, nil, size(0)},
		{"  padded  ", 3.25, "line one\nline two", nil, time.Date(2024, 2, 29, 12, 34, 56, 500000000, time.UTC), nil},
		{"", -0.1, "back\\slash, $HOME `x` | pipe", []any{}, nil, size(10)},
		{"yes", 1e21, "null", []string{"0123", ": x"}, nil, nil},
		{"whole", 3.0, "a float stays a float", []any{2.0, 7}, nil, nil},
	}
)

// goldenCase is one formatter with one set of flags on the fixture.
type goldenCase struct {
	name  string
	f     Formatter
	args  []string
	kind  Kind
	empty bool
}

func goldenCases() []goldenCase {
	var cs []goldenCase
	for _, name := range Builtins() {
		for _, kind := range []Kind{List, Record} {
			f := builtins[name]()
			if !Renders(f, kind) {
				continue
			}
			var args []string
			if name == "template" {
				args = []string{"--template", `{{.name}}\t{{.count}}|{{json .tags}}|{{join "," .tags}}|{{upper .note}}|{{.when}}`}
			}
			cs = append(cs, goldenCase{name: name, kind: kind, args: args})
			if kind == List {
				cs = append(cs, goldenCase{name: name, kind: kind, args: args, empty: true})
			}
		}
	}
	variants := []goldenCase{
		{name: "table", kind: List, args: []string{"--max-width", "60"}},
		{name: "table", kind: Record, args: []string{"--max-width", "40"}},
		{name: "table", kind: List, args: []string{"--print-empty"}, empty: true},
		{name: "csv", kind: List, args: []string{"--quote", "all"}},
		{name: "csv", kind: List, args: []string{"--quote", "minimal"}},
		{name: "csv", kind: List, args: []string{"--quote", "none"}},
		{name: "json", kind: List, args: []string{"--noindent"}},
		{name: "json", kind: Record, args: []string{"--noindent"}},
		{name: "shell", kind: Record, args: []string{"--prefix", "my_"}},
		{name: "shell", kind: Record, args: []string{"--variable", "note", "--variable", "name"}},
		{name: "table", kind: Record, empty: true},
		{name: "table", kind: Record, args: []string{"--print-empty"}, empty: true},
	}
	return append(cs, variants...)
}

func (c goldenCase) file() string {
	n := c.name + "-" + c.kind.String()
	if c.empty {
		n += "-empty"
	}
	for _, a := range c.args {
		if c.name == "template" {
			break
		}
		n += "_" + a
	}
	return filepath.Join("testdata", "golden", n+".txt")
}

// render runs the case through the formatter as the App would: flags,
// Prepare, then FormatList or FormatRecord.
func (c goldenCase) render(t *testing.T) []byte {
	t.Helper()
	f := builtins[c.name]()
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	if fd, ok := f.(KindFlagDeclarer); ok {
		fd.Flags(fs, c.kind)
	}
	if err := fs.Parse(c.args); err != nil {
		t.Fatal(err)
	}
	if p, ok := f.(Preparer); ok {
		if err := p.Prepare(Env{Prefix: "TEST", Getenv: func(string) string { return "" }, Kind: c.kind}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	var err error
	if c.kind == List {
		rows := fixtureRows
		if c.empty {
			rows = nil
		}
		err = f.(ListFormatter).FormatList(&buf, fixtureColumns, rowsOf(rows))
	} else if c.empty {
		err = f.(RecordFormatter).FormatRecord(&buf, nil, nil)
	} else {
		err = f.(RecordFormatter).FormatRecord(&buf, fixtureColumns, fixtureRows[1])
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func rowsOf(rows [][]any) func(func([]any, error) bool) {
	return func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// TestGolden pins every formatter's output, per option, on the fixture.
// Regenerate with go test ./formatters -update and review the diff.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(filepath.Base(c.file()), func(t *testing.T) {
			got := c.render(t)
			if *update {
				if err := os.WriteFile(c.file(), got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(c.file())
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", c.file(), got, want)
			}
		})
	}
}
