package tablewriterformatter

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fromRegistry returns "box" as an app gets it: a fresh value, its flags
// parsed, prepared. (boxapp's tests run it registered, by -f box.)
func fromRegistry(t *testing.T, kind formatters.Kind, args ...string) formatters.Formatter {
	t.Helper()
	var f formatters.Formatter = &Box{Style: "light"}
	fs := pflag.NewFlagSet("box", pflag.ContinueOnError)
	f.(formatters.KindFlagDeclarer).Flags(fs, kind)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if err := f.(formatters.Preparer).Prepare(formatters.Env{Kind: kind}); err != nil {
		t.Fatal(err)
	}
	return f
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestBoxList renders a list in two styles: numbers right-aligned, a
// Formattable by its human text, nil empty, headers as given.
func TestBoxList(t *testing.T) {
	rows := func(yield func([]any, error) bool) {
		_ = yield([]any{"report.pdf", 1536, 3.0, nil}, nil) &&
			yield([]any{"日本語", 7, 0.25, "yes"}, nil)
	}
	for _, style := range []string{"light", "rounded", "ascii"} {
		var buf bytes.Buffer
		f := fromRegistry(t, formatters.List, "--box-style", style)
		if err := f.(formatters.ListFormatter).FormatList(&buf, []string{"name", "size", "ratio", "note"}, rows); err != nil {
			t.Fatal(err)
		}
		golden(t, "list-"+style+".txt", buf.Bytes())
	}
}

// TestBoxRecord renders a Field/Value table.
func TestBoxRecord(t *testing.T) {
	var buf bytes.Buffer
	f := fromRegistry(t, formatters.Record, "--box-style", "double")
	if err := f.(formatters.RecordFormatter).FormatRecord(&buf, []string{"name", "size"}, []any{"report.pdf", 1536}); err != nil {
		t.Fatal(err)
	}
	golden(t, "record-double.txt", buf.Bytes())
}

// TestBoxBadStyle: an unknown style is an error naming the valid ones,
// reported before any row is read.
func TestBoxBadStyle(t *testing.T) {
	b := &Box{Style: "bubbly"}
	err := b.Prepare(formatters.Env{})
	var u *formatters.UnknownError
	if !errors.As(err, &u) || u.What != "box style" || len(u.Valid) < 5 {
		t.Fatalf("err = %v", err)
	}
}

// TestBoxEmptyAndFailing: an empty list prints nothing; a list failing
// half-way renders the rows read, then returns the error.
func TestBoxEmptyAndFailing(t *testing.T) {
	var buf bytes.Buffer
	b := &Box{Style: "light"}
	if err := b.FormatList(&buf, []string{"a"}, func(func([]any, error) bool) {}); err != nil || buf.Len() != 0 {
		t.Fatalf("empty: %v %q", err, buf.String())
	}
	boom := errors.New("boom")
	err := b.FormatList(&buf, []string{"a"}, func(yield func([]any, error) bool) {
		_ = yield([]any{"kept"}, nil) && yield(nil, boom)
	})
	if err != boom || !bytes.Contains(buf.Bytes(), []byte("kept")) {
		t.Fatalf("failing: %v %q", err, buf.String())
	}
}
